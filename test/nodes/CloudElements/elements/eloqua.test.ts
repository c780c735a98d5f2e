import { useFakeCloudElements } from '../../../harness/fake';
import { runProvision } from '../../../harness/provision';
import { authorized, expectProvisioned, marker } from './provisioning';

const ctx = useFakeCloudElements();


describe('Provision Oracle Eloqua Instance', () => {
	const parameters = {
		operation: 'provisionEloqua',
		instanceName: 'acme-eloqua',
		eloquaClientId: 'eloqua-client-id',
		eloquaClientSecret: 'eloqua-client-secret-value',
		eloquaCallbackUrl: 'https://onboarding.example.com/oauth/eloqua',
		authorization: 'callback',
		callbackQuery: '={{ $json.query }}',
		tags: ['customer-42'],
	};

	it('sends the documented body and outputs the instance, secrets masked', async () => {
		const query = await authorized(ctx.fake, 'eloqua', {
			clientId: parameters.eloquaClientId,
			clientSecret: parameters.eloquaClientSecret,
			callbackUrl: parameters.eloquaCallbackUrl,
		});
		const result = await runProvision({ fake: ctx.fake, items: [{ query }], parameters });
		expect(result.requests[0].body).toEqual({
			element: { key: 'eloqua' },
			configuration: {
				'oauth.api.key': 'eloqua-client-id',
				'oauth.api.secret': 'eloqua-client-secret-value',
				'oauth.callback.url': 'https://onboarding.example.com/oauth/eloqua',
			},
			providerData: { code: query.code },
			tags: ['customer-42', marker],
			name: 'acme-eloqua',
		});
		expectProvisioned(ctx.fake, result, 'eloqua', ['eloqua-client-secret-value', query.code]);
	});

	it('names the missing callback and sends nothing', async () => {
		const { error, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ code: '  ' }],
			parameters: { ...parameters, eloquaAuthorizationCode: '={{ $json.code }}' },
		});
		expect(requests).toHaveLength(0);
		expect(error.message).toBe('Missing or invalid Oracle Eloqua fields: Callback Query must be the query of the callback, e.g. {{ $json.query }} of the Webhook node');
	});
});
