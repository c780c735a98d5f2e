import { useFakeCloudElements } from '../../../harness/fake';
import { runProvision } from '../../../harness/provision';
import { authorized, expectProvisioned, marker } from './provisioning';

const ctx = useFakeCloudElements();


describe('Provision Campaign Monitor Instance, API Key login', () => {
	const parameters = {
		operation: 'provisionCampaignmonitor',
		campaignmonitorAuthentication: 'basic',
		instanceName: 'acme-campaignmonitor',
		campaignmonitorApiKey: 'campaign-monitor-api-key-value',
	};

	it('sends the documented body and outputs the instance, secrets masked', async () => {
		const result = await runProvision({ fake: ctx.fake, parameters });
		expect(result.requests[0].body).toEqual({
			element: { key: 'campaignmonitor' },
			configuration: { 'authentication.type': 'basic', username: 'campaign-monitor-api-key-value' },
			tags: [marker],
			name: 'acme-campaignmonitor',
		});
		expectProvisioned(ctx.fake, result, 'campaignmonitor', ['campaign-monitor-api-key-value']);
	});

	it('names the missing API key and sends nothing', async () => {
		const { error, requests } = await runProvision({
			fake: ctx.fake,
			parameters: { ...parameters, campaignmonitorApiKey: '={{ $json.apiKey }}' },
		});
		expect(requests).toHaveLength(0);
		expect(error.message).toBe('Missing or invalid Campaign Monitor fields: API Key (username) is missing');
	});
});

describe('Provision Campaign Monitor Instance, OAuth 2 login', () => {
	const parameters = {
		operation: 'provisionCampaignmonitor',
		campaignmonitorAuthentication: 'oauth2',
		instanceName: 'acme-campaignmonitor',
		campaignmonitorClientId: '123456',
		campaignmonitorClientSecret: 'campaign-monitor-client-secret-value',
		campaignmonitorCallbackUrl: 'https://onboarding.example.com/oauth/campaignmonitor',
		authorization: 'callback',
		callbackQuery: '={{ $json.query }}',
	};

	it('sends the documented body and outputs the instance, secrets masked', async () => {
		const query = await authorized(ctx.fake, 'campaignmonitor', {
			clientId: parameters.campaignmonitorClientId,
			clientSecret: parameters.campaignmonitorClientSecret,
			callbackUrl: parameters.campaignmonitorCallbackUrl,
		}, { 'authentication.type': 'oauth2' });
		const result = await runProvision({ fake: ctx.fake, items: [{ query }], parameters });
		expect(result.requests[0].body).toEqual({
			element: { key: 'campaignmonitor' },
			configuration: {
				'authentication.type': 'oauth2',
				'oauth.api.key': '123456',
				'oauth.api.secret': 'campaign-monitor-client-secret-value',
				'oauth.callback.url': 'https://onboarding.example.com/oauth/campaignmonitor',
			},
			providerData: { code: query.code },
			tags: [marker],
			name: 'acme-campaignmonitor',
		});
		expectProvisioned(ctx.fake, result, 'campaignmonitor', ['campaign-monitor-client-secret-value', query.code]);
	});

	it('names the missing callback URL and callback and sends nothing', async () => {
		const { error, requests } = await runProvision({
			fake: ctx.fake,
			parameters: {
				...parameters,
				campaignmonitorCallbackUrl: '={{ $json.callbackUrl }}',
			},
		});
		expect(requests).toHaveLength(0);
		expect(error.message).toBe(
			'Missing or invalid Campaign Monitor OAuth 2 fields: Callback URL (oauth.callback.url) is missing; Callback Query must be the query of the callback, e.g. {{ $json.query }} of the Webhook node',
		);
	});
});
