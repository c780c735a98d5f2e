import { useFakeCloudElements } from '../../../harness/fake';
import { runProvision } from '../../../harness/provision';
import { authorized, expectProvisioned, marker } from './provisioning';

const ctx = useFakeCloudElements();


describe('Provision HubSpot Instance, API Key login', () => {
	const parameters = {
		operation: 'provisionHubspot',
		hubspotAuthentication: 'apiKey',
		instanceName: 'acme-hubspot',
		hubspotApiKey: 'hubspot-hapikey-value',
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
			parameters: { ...parameters, hubspotApiKey: '={{ $json.apiKey }}' },
		});
		expect(requests).toHaveLength(0);
		expect(error.message).toBe(
			'Missing or invalid HubSpot fields: API Key (hubspot.authorization.apikey) is missing',
		);
	});
});

describe('Provision HubSpot Instance, OAuth 2 login', () => {
	const parameters = {
		operation: 'provisionHubspot',
		hubspotAuthentication: 'oauth2',
		instanceName: 'acme-hubspot',
		hubspotClientId: 'hubspot-client-id',
		hubspotClientSecret: 'hubspot-client-secret-value',
		hubspotCallbackUrl: 'https://onboarding.example.com/oauth/hubspot',
		authorization: 'callback',
		callbackQuery: '={{ $json.query }}',
		tags: ['customer-42'],
	};

	it('sends the documented body and outputs the instance, secrets masked', async () => {
		const query = await authorized(ctx.fake, 'hubspot', {
			clientId: parameters.hubspotClientId,
			clientSecret: parameters.hubspotClientSecret,
			callbackUrl: parameters.hubspotCallbackUrl,
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
				hubspotClientId: '={{ $json.clientId }}',
				hubspotClientSecret: '={{ $json.clientSecret }}',
				hubspotCallbackUrl: '={{ $json.callbackUrl }}',
			},
		});
		expect(requests).toHaveLength(0);
		expect(error.message).toBe(
			'Missing or invalid HubSpot OAuth 2 fields: Client ID (oauth.api.key) is missing; Client Secret (oauth.api.secret) is missing; Callback URL (oauth.callback.url) is missing; Callback Query must be the query of the callback, e.g. {{ $json.query }} of the Webhook node',
		);
	});
});
