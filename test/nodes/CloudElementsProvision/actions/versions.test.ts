import { useFakeCloudElements } from '../../../harness/fake';
import { runProvision as runLatest } from '../../../harness/provision';
import { authorized, expectProvisioned, marker } from '../elements/provisioning';

const ctx = useFakeCloudElements();

/**
 * Workflows saved with version 1 of the node keep their operation values and
 * parameter names: HubSpot and Campaign Monitor had an operation per login,
 * Pardot's Salesforce OAuth its own parameter names. They send what they sent.
 */
const runProvision = (options: Parameters<typeof runLatest>[0]) => runLatest({ ...options, typeVersion: 1 });

describe('Version 1: Provision HubSpot (API Key) Instance', () => {
	const parameters = {
		operation: 'provisionHubspotApiKey',
		instanceName: 'acme-hubspot',
		hubspotApiKeyApiKey: 'hubspot-hapikey-value',
		tags: ['customer-42'],
	};

	it('sends the documented body and outputs the instance, secrets masked', async () => {
		const result = await runProvision({ fake: ctx.fake, parameters });
		expect(result.requests[0].body).toEqual({
			element: { key: 'hubspot' },
			configuration: { 'authentication.type': 'apiKey', 'hubspot.authorization.apikey': 'hubspot-hapikey-value' },
			tags: ['customer-42', marker],
			name: 'acme-hubspot',
		});
		expectProvisioned(ctx.fake, result, 'hubspot', ['hubspot-hapikey-value']);
		// The fake echoes the key in clear, as some elements do.
		expect(result.items[0].json.configuration).toMatchObject({
			'authentication.type': 'apiKey',
			'hubspot.authorization.apikey': '********',
		});
	});

	it('names the missing API key and sends nothing', async () => {
		const { error, requests } = await runProvision({
			fake: ctx.fake,
			parameters: { ...parameters, hubspotApiKeyApiKey: '={{ $json.apiKey }}' },
		});
		expect(requests).toHaveLength(0);
		expect(error.message).toBe(
			'Missing or invalid HubSpot fields: API Key (hubspot.authorization.apikey) is missing',
		);
	});
});

describe('Version 1: Provision HubSpot (OAuth) Instance', () => {
	const parameters = {
		operation: 'provisionHubspotOAuth',
		instanceName: 'acme-hubspot',
		hubspotOAuthClientId: 'hubspot-client-id',
		hubspotOAuthClientSecret: 'hubspot-client-secret-value',
		hubspotOAuthCallbackUrl: 'https://onboarding.example.com/oauth/hubspot',
		authorization: 'callback',
		callbackQuery: '={{ $json.query }}',
		tags: ['customer-42'],
	};

	it('sends the documented body and outputs the instance, secrets masked', async () => {
		const query = await authorized(ctx.fake, 'hubspot', {
			clientId: parameters.hubspotOAuthClientId,
			clientSecret: parameters.hubspotOAuthClientSecret,
			callbackUrl: parameters.hubspotOAuthCallbackUrl,
		});
		const result = await runProvision({ fake: ctx.fake, items: [{ query }], parameters });
		expect(result.requests[0].body).toEqual({
			element: { key: 'hubspot' },
			configuration: {
				'authentication.type': 'oauth2',
				'oauth.api.key': 'hubspot-client-id',
				'oauth.api.secret': 'hubspot-client-secret-value',
				'oauth.callback.url': 'https://onboarding.example.com/oauth/hubspot',
			},
			providerData: { code: query.code },
			tags: ['customer-42', marker],
			name: 'acme-hubspot',
		});
		expectProvisioned(ctx.fake, result, 'hubspot', ['hubspot-client-secret-value', query.code]);
	});

	it('names every missing field and sends nothing', async () => {
		const { error, requests } = await runProvision({
			fake: ctx.fake,
			parameters: {
				...parameters,
				hubspotOAuthClientId: '={{ $json.clientId }}',
				hubspotOAuthClientSecret: '={{ $json.clientSecret }}',
				hubspotOAuthCallbackUrl: '={{ $json.callbackUrl }}',
			},
		});
		expect(requests).toHaveLength(0);
		expect(error.message).toBe(
			'Missing or invalid HubSpot OAuth 2 fields: Client ID (oauth.api.key) is missing; Client Secret (oauth.api.secret) is missing; Callback URL (oauth.callback.url) is missing; Callback Query must be the query of the callback, e.g. {{ $json.query }} of the Webhook node',
		);
	});
});

describe('Version 1: Provision Campaign Monitor (API Key) Instance', () => {
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
		expect(error.message).toBe('Missing or invalid Campaign Monitor fields: API Key (username) is missing');
	});
});

describe('Version 1: Provision Campaign Monitor (OAuth) Instance', () => {
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
			'Missing or invalid Campaign Monitor OAuth 2 fields: Callback URL (oauth.callback.url) is missing; Callback Query must be the query of the callback, e.g. {{ $json.query }} of the Webhook node',
		);
	});
});

describe('Version 1: Provision Pardot Instance with Authentication: Salesforce OAuth', () => {
	const parameters = {
		operation: 'provisionPardot',
		pardotAuthentication: 'pardotSalesforceOAuth',
		instanceName: 'acme-pardot',
		pardotSalesforceOAuthClientId: 'salesforce-consumer-key',
		pardotSalesforceOAuthClientSecret: 'salesforce-consumer-secret-value',
		pardotSalesforceOAuthCallbackUrl: 'https://n8n.example.com/webhook/oauth-callback',
		pardotSalesforceOAuthBusinessUnitId: 'business-unit-of-acme',
		authorization: 'callback',
		callbackQuery: '={{ $json.query }}',
		tags: ['customer-42'],
	};

	it("provisions with the customer's callback: the documented body, secrets kept out", async () => {
		const query = await authorized(
			ctx.fake,
			'pardot',
			{
				clientId: parameters.pardotSalesforceOAuthClientId,
				clientSecret: parameters.pardotSalesforceOAuthClientSecret,
				callbackUrl: parameters.pardotSalesforceOAuthCallbackUrl,
			},
			{ 'authentication.type': 'oauth2' },
		);
		const result = await runProvision({ fake: ctx.fake, items: [{ query }], parameters });

		expect(result.requests[0].body).toEqual({
			element: { key: 'pardot' },
			configuration: {
				'authentication.type': 'oauth2',
				'oauth.api.key': 'salesforce-consumer-key',
				'oauth.api.secret': 'salesforce-consumer-secret-value',
				'oauth.callback.url': 'https://n8n.example.com/webhook/oauth-callback',
				'oauth.business.unit.id': 'business-unit-of-acme',
				'pardot.sandbox': 'false',
			},
			providerData: { code: query.code },
			tags: ['customer-42', marker],
			name: 'acme-pardot',
		});
		expectProvisioned(ctx.fake, result, 'pardot', ['salesforce-consumer-secret-value', query.code]);
	});
});
