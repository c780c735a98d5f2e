import { hubspotApiKey, hubspotOAuth } from '../../../../nodes/CloudElementsProvision/elements/hubspot';
import { useFakeCloudElements } from '../../../harness/fake';
import { runProvision } from '../../../harness/provision';
import { authorized, expectProvisioned, fieldsOf, marker } from './provisioning';

const ctx = useFakeCloudElements();

// As on Cloud Elements' HubSpot "Authenticate" page: one element, two logins told apart by authentication.type.
describe('HubSpot definitions', () => {
	it('API key: authentication.type apiKey and the HAPIkey, masked', () => {
		expect(hubspotApiKey.key).toBe('hubspot');
		expect(hubspotApiKey.fixed).toEqual({ configuration: { 'authentication.type': 'apiKey' } });
		expect(fieldsOf(hubspotApiKey)).toEqual([
			{ key: 'hubspot.authorization.apikey', in: 'configuration', required: true, secret: true, default: '' },
		]);
	});

	it('OAuth: authentication.type oauth2, the app client and callback URL, and the code as providerData', () => {
		expect(hubspotOAuth.key).toBe('hubspot');
		expect(hubspotOAuth.fixed).toEqual({ configuration: { 'authentication.type': 'oauth2' } });
		expect(fieldsOf(hubspotOAuth)).toEqual([
			{ key: 'oauth.api.key', in: 'configuration', required: true, secret: false, default: '' },
			{ key: 'oauth.api.secret', in: 'configuration', required: true, secret: true, default: '' },
			{ key: 'oauth.callback.url', in: 'configuration', required: true, secret: false, default: '' },
		]);
	});
});

describe('Provision HubSpot (API Key) Instance', () => {
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
			'Missing or invalid HubSpot (API Key) fields: API Key (hubspot.authorization.apikey) is missing',
		);
	});
});

describe('Provision HubSpot (OAuth) Instance', () => {
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
			'Missing or invalid HubSpot (OAuth) fields: Client ID (oauth.api.key) is missing; Client Secret (oauth.api.secret) is missing; Callback URL (oauth.callback.url) is missing; Callback Query must be the query of the callback, e.g. {{ $json.query }} of the Webhook node',
		);
	});
});
