import { campaignMonitorApiKey, campaignMonitorOAuth } from '../../../../nodes/CloudElementsProvision/elements/campaignMonitor';
import { useFakeCloudElements } from '../../../harness/fake';
import { runProvision } from '../../../harness/provision';
import { authorized, expectProvisioned, fieldsOf, marker } from './provisioning';

const ctx = useFakeCloudElements();

// As on Cloud Elements' Campaign Monitor "Authenticate" page: one element, basic or oauth2 by authentication.type.
describe('Campaign Monitor definitions', () => {
	it('API key: authentication.type basic and the API key as username, masked', () => {
		expect(campaignMonitorApiKey.key).toBe('campaignmonitor');
		expect(campaignMonitorApiKey.fixed).toEqual({ configuration: { 'authentication.type': 'basic' } });
		expect(fieldsOf(campaignMonitorApiKey)).toEqual([
			{ key: 'username', in: 'configuration', required: true, secret: true, default: '' },
		]);
	});

	it('OAuth: authentication.type oauth2, the app client and callback URL, and the code as providerData', () => {
		expect(campaignMonitorOAuth.key).toBe('campaignmonitor');
		expect(campaignMonitorOAuth.fixed).toEqual({ configuration: { 'authentication.type': 'oauth2' } });
		expect(fieldsOf(campaignMonitorOAuth)).toEqual([
			{ key: 'oauth.api.key', in: 'configuration', required: true, secret: false, default: '' },
			{ key: 'oauth.api.secret', in: 'configuration', required: true, secret: true, default: '' },
			{ key: 'oauth.callback.url', in: 'configuration', required: true, secret: false, default: '' },
		]);
	});
});

describe('Provision Campaign Monitor (API Key) Instance', () => {
	const parameters = {
		operation: 'provisionCampaignmonitorApiKey',
		instanceName: 'acme-campaignmonitor',
		campaignmonitorApiKeyApiKey: 'campaign-monitor-api-key-value',
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
			parameters: { ...parameters, campaignmonitorApiKeyApiKey: '={{ $json.apiKey }}' },
		});
		expect(requests).toHaveLength(0);
		expect(error.message).toBe('Missing or invalid Campaign Monitor (API Key) fields: API Key (username) is missing');
	});
});

describe('Provision Campaign Monitor (OAuth) Instance', () => {
	const parameters = {
		operation: 'provisionCampaignmonitorOAuth',
		instanceName: 'acme-campaignmonitor',
		campaignmonitorOAuthClientId: '123456',
		campaignmonitorOAuthClientSecret: 'campaign-monitor-client-secret-value',
		campaignmonitorOAuthCallbackUrl: 'https://onboarding.example.com/oauth/campaignmonitor',
		authorization: 'callback',
		callbackQuery: '={{ $json.query }}',
	};

	it('sends the documented body and outputs the instance, secrets masked', async () => {
		const query = await authorized(ctx.fake, 'campaignmonitor', {
			clientId: parameters.campaignmonitorOAuthClientId,
			clientSecret: parameters.campaignmonitorOAuthClientSecret,
			callbackUrl: parameters.campaignmonitorOAuthCallbackUrl,
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
				campaignmonitorOAuthCallbackUrl: '={{ $json.callbackUrl }}',
			},
		});
		expect(requests).toHaveLength(0);
		expect(error.message).toBe(
			'Missing or invalid Campaign Monitor (OAuth) fields: Callback URL (oauth.callback.url) is missing; Callback Query must be the query of the callback, e.g. {{ $json.query }} of the Webhook node',
		);
	});
});
