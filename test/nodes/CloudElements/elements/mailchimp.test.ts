import { useFakeCloudElements } from '../../../harness/fake';
import { runProvision } from '../../../harness/provision';
import { authorized, expectProvisioned, marker } from './provisioning';

const ctx = useFakeCloudElements();


describe('Provision Mailchimp Instance', () => {
	const parameters = {
		operation: 'provisionMailchimpv3',
		instanceName: 'acme-mailchimp',
		mailchimpv3ClientId: '123456789012',
		mailchimpv3ClientSecret: 'mailchimp-client-secret-value',
		mailchimpv3CallbackUrl: 'https://onboarding.example.com/oauth/mailchimp',
		authorization: 'callback',
		callbackQuery: '={{ $json.query }}',
	};

	it('sends the documented body and outputs the instance, secrets masked', async () => {
		const query = await authorized(ctx.fake, 'mailchimpv3', {
			clientId: parameters.mailchimpv3ClientId,
			clientSecret: parameters.mailchimpv3ClientSecret,
			callbackUrl: parameters.mailchimpv3CallbackUrl,
		});
		const result = await runProvision({ fake: ctx.fake, items: [{ query }], parameters });
		expect(result.requests[0].body).toEqual({
			element: { key: 'mailchimpv3' },
			configuration: {
				'oauth.api.key': '123456789012',
				'oauth.api.secret': 'mailchimp-client-secret-value',
				'oauth.callback.url': 'https://onboarding.example.com/oauth/mailchimp',
			},
			providerData: { code: query.code },
			tags: [marker],
			name: 'acme-mailchimp',
		});
		expectProvisioned(ctx.fake, result, 'mailchimpv3', ['mailchimp-client-secret-value', query.code]);
	});

	it('names every missing field and sends nothing', async () => {
		const { error, requests } = await runProvision({
			fake: ctx.fake,
			parameters: {
				...parameters,
				mailchimpv3ClientId: '={{ $json.clientId }}',
				mailchimpv3ClientSecret: '={{ $json.clientSecret }}',
				mailchimpv3CallbackUrl: '={{ $json.callbackUrl }}',
			},
		});
		expect(requests).toHaveLength(0);
		expect(error.message).toBe(
			'Missing or invalid Mailchimp fields: Client ID (oauth.api.key) is missing; Client Secret (oauth.api.secret) is missing; Callback URL (oauth.callback.url) is missing; Callback Query must be the query of the callback, e.g. {{ $json.query }} of the Webhook node',
		);
	});
});
