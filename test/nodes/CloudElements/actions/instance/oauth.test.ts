import type { IDataObject } from 'n8n-workflow';

import { consent } from '../../../../harness/api';
import { useFakeCloudElements } from '../../../../harness/fake';
import { createInstances } from '../../../../harness/instances';
import { runProvision } from '../../../../harness/provision';
import { leakedSecrets, shownByNode } from '../../../../harness/shown';

/**
 * The OAuth onboarding of a customer through n8n's engine against the fake's
 * provider: Get OAuth Authorization URL, the customer's choice on the
 * provider's page, the callback's query into Provision, and re-authenticating
 * an instance that broke.
 */
const ctx = useFakeCloudElements();

const app = {
	clientId: 'mailchimp-client-id',
	clientSecret: 'mailchimp-client-secret-value',
	callbackUrl: 'https://n8n.example.com/webhook/oauth-callback',
};

const getUrl = {
	operation: 'getOAuthUrl',
	element: { __rl: true, mode: 'key', value: 'mailchimpv3' },
	oauthClientId: app.clientId,
	oauthClientSecret: app.clientSecret,
	oauthCallbackUrl: app.callbackUrl,
	oauthOptions: { scope: 'audiences campaigns', stateSuffix: '={{ $json.customer }}' },
};

const provision = (extra: IDataObject = {}) => ({
	operation: 'provisionMailchimpv3',
	instanceName: '={{ $json.customer }}',
	mailchimpv3ClientId: app.clientId,
	mailchimpv3ClientSecret: app.clientSecret,
	mailchimpv3CallbackUrl: app.callbackUrl,
	authorization: 'callback',
	callbackQuery: '={{ $json.query }}',
	expectedState: '={{ $json.state }}',
	...extra,
});

/** Step one for the customer, then their choice on the provider's page: the callback's query and the state given. */
async function customerChooses(decision: 'allow' | 'deny') {
	const { items } = await runProvision({ fake: ctx.fake, items: [{ customer: 'acme' }], parameters: getUrl });
	const { oauthUrl, state } = items[0].json as { oauthUrl: string; state: string };
	const { params } = await consent(oauthUrl, decision);
	return { customer: 'acme', state, query: params! };
}

const secrets = [app.clientSecret];

describe('Get OAuth Authorization URL', () => {
	it("outputs the provider's URL with a random state carrying the customer, and never the client secret", async () => {
		const result = await runProvision({ fake: ctx.fake, items: [{ customer: 'acme' }, { customer: 'globex' }], parameters: getUrl });

		const [acme, globex] = result.items.map((item) => item.json as { oauthUrl: string; state: string; element: string });
		expect(acme.state).toMatch(/^[0-9a-f]{32}\.acme$/);
		expect(globex.state).toMatch(/^[0-9a-f]{32}\.globex$/);
		expect(acme.state.slice(0, 32)).not.toBe(globex.state.slice(0, 32));
		expect(acme.element).toBe('mailchimpv3');
		expect(new URL(acme.oauthUrl).searchParams.get('state')).toBe(acme.state);
		expect(result.requests[0]).toMatchObject({
			method: 'GET',
			path: '/elements/mailchimpv3/oauth/url',
			query: { apiKey: app.clientId, apiSecret: app.clientSecret, callbackUrl: app.callbackUrl, scope: 'audiences campaigns', state: acme.state },
		});
		expect(leakedSecrets(shownByNode(result), secrets)).toEqual([]);
	});

	it("says so, naming the element, when it is no OAuth element", async () => {
		const result = await runProvision({
			fake: ctx.fake,
			parameters: { ...getUrl, element: { __rl: true, mode: 'key', value: 'autopilot' } },
		});
		expect(result.error.message).toBe('Cloud Elements answered 400: Element autopilot is not an OAuth element');
		expect(leakedSecrets(shownByNode(result), secrets)).toEqual([]);
	});
});

describe('provisioning from the OAuth callback', () => {
	it("creates the instance with the callback's code, after the customer allowed access", async () => {
		const customer = await customerChooses('allow');
		const result = await runProvision({ fake: ctx.fake, items: [customer], parameters: provision() });

		expect(result.status).toBe('success');
		const [create] = result.requests.filter((request) => request.method === 'POST');
		expect(create.body.providerData).toEqual({ code: customer.query.code });
		const [instance] = ctx.fake.instances;
		expect(result.items[0].json).toMatchObject({ id: instance.id, token: instance.token, name: 'acme' });
		expect(leakedSecrets(shownByNode(result), [...secrets, customer.query.code])).toEqual([]);
	});

	// The callback as a Webhook node's query, or as text: a query string, the whole URL (a fragment left out), JSON.
	it.each<[string, (query: IDataObject) => string]>([
		['a query string', (query) => new URLSearchParams(query as Record<string, string>).toString()],
		['the whole callback URL', (query) => `${app.callbackUrl}?${new URLSearchParams(query as Record<string, string>)}#_=_`],
		['JSON text', (query) => JSON.stringify(query)],
	])('takes the callback as %s', async (_form, asText) => {
		const customer = await customerChooses('allow');
		const result = await runProvision({
			fake: ctx.fake,
			items: [{ ...customer, text: asText(customer.query) }],
			parameters: provision({ callbackQuery: '={{ $json.text }}' }),
		});

		expect(result.status).toBe('success');
		const [create] = result.requests.filter((request) => request.method === 'POST');
		expect(create.body.providerData).toEqual({ code: customer.query.code });
	});

	it('without an Expected State, takes the callback whatever its state', async () => {
		const customer = await customerChooses('allow');
		const other = { ...customer, query: { ...customer.query, state: 'another-state' } };
		const result = await runProvision({ fake: ctx.fake, items: [other], parameters: provision({ expectedState: '' }) });

		expect(result.status).toBe('success');
		expect(ctx.fake.instances).toHaveLength(1);
	});

	it.each([
		['no code', { state: 'a-state' }, 'Callback Query has no code (nor an OAuth 1 oauth_token)'],
		['nothing', '', 'Callback Query must be the query of the callback, e.g. {{ $json.query }} of the Webhook node'],
	])('names what is wrong with a callback with %s, and sends nothing', async (_name, query, problem) => {
		const result = await runProvision({
			fake: ctx.fake,
			items: [{ customer: 'acme', query, state: 'a-state' }],
			parameters: provision(),
		});

		expect(result.error.message).toBe(`Missing or invalid Mailchimp fields: ${problem}`);
		expect(result.requests).toHaveLength(0);
	});

	it('refuses a declined authorization clearly and creates nothing', async () => {
		const customer = await customerChooses('deny');
		const result = await runProvision({ fake: ctx.fake, items: [customer], parameters: provision() });

		expect(result.error.message).toBe('The customer declined the authorization: The user denied access to the app');
		expect(result.requests).toHaveLength(0);
		expect(ctx.fake.instances).toHaveLength(0);
	});

	it('refuses a callback whose state is not the one given to the customer, and creates nothing', async () => {
		const customer = await customerChooses('allow');
		const forged = { ...customer, state: `${'0'.repeat(32)}.acme` };
		const result = await runProvision({ fake: ctx.fake, items: [forged], parameters: provision() });

		expect(result.error.message).toBe(
			"The callback's state does not match the expected state: refused as forged or stale",
		);
		expect(ctx.fake.instances).toHaveLength(0);
	});

	it('fails a reused code with the provider\'s reason, creating nothing more and never showing the code', async () => {
		const customer = await customerChooses('allow');
		await runProvision({ fake: ctx.fake, items: [customer], parameters: provision() });
		const again = await runProvision({ fake: ctx.fake, items: [customer], parameters: provision() });

		expect(again.error.message).toBe('Cloud Elements answered 400: invalid_grant: providerData.code has already been used');
		expect(ctx.fake.instances).toHaveLength(1);
		expect(leakedSecrets(shownByNode(again), [...secrets, customer.query.code])).toEqual([]);
	});

	it('provisions from a refresh token held already, with no customer round trip', async () => {
		const result = await runProvision({
			fake: ctx.fake,
			items: [{ customer: 'acme' }],
			parameters: provision({ authorization: 'refreshToken', refreshToken: 'mailchimp-refresh-token-value' }),
		});

		expect(result.status).toBe('success');
		const [create] = result.requests.filter((request) => request.method === 'POST');
		expect(create.body).toMatchObject({
			externalAuthentication: 'initial',
			configuration: { 'oauth.user.refresh_token': 'mailchimp-refresh-token-value' },
		});
		expect(create.body.providerData).toBeUndefined();
		expect(leakedSecrets(shownByNode(result), [...secrets, 'mailchimp-refresh-token-value'])).toEqual([]);
	});
});

describe('OAuth 1', () => {
	it('gets the request token first, and provisions with its secret and the callback\'s token and verifier', async () => {
		const quickbooks = { ...getUrl, element: { __rl: true, mode: 'key', value: 'quickbooks' }, oauthVersion: 'oauth1' };
		const step1 = await runProvision({ fake: ctx.fake, items: [{ customer: 'acme' }], parameters: quickbooks });
		const { oauthUrl, state, requestToken, requestTokenSecret } = step1.items[0].json as Record<string, string>;
		expect(step1.requests.map((request) => request.path)).toEqual(['/elements/quickbooks/oauth/token', '/elements/quickbooks/oauth/url']);
		expect(step1.requests[1].query).toMatchObject({ requestToken });
		const { params } = await consent(oauthUrl, 'allow');

		const result = await runProvision({
			fake: ctx.fake,
			items: [{ customer: 'acme', query: params, state, requestTokenSecret }],
			parameters: {
				operation: 'provisionAnyElement',
				element: { __rl: true, mode: 'key', value: 'quickbooks' },
				instanceName: '={{ $json.customer }}',
				configurationSource: 'json',
				configurationJson: JSON.stringify({ 'oauth.api.key': app.clientId, 'oauth.callback.url': app.callbackUrl }),
				secretConfiguration: { entries: [{ key: 'oauth.api.secret', value: app.clientSecret }] },
				authorization: 'callback',
				callbackQuery: '={{ $json.query }}',
				expectedState: '={{ $json.state }}',
				requestTokenSecret: '={{ $json.requestTokenSecret }}',
			},
		});

		expect(result.status).toBe('success');
		const [create] = result.requests.filter((request) => request.method === 'POST');
		expect(create.body.providerData).toEqual({
			oauth_token: params!.oauth_token,
			oauth_verifier: params!.oauth_verifier,
			realmId: params!.realmId,
			dataSource: 'QBO',
			secret: requestTokenSecret,
		});
		expect(leakedSecrets(shownByNode(result), [app.clientSecret, requestTokenSecret, params!.oauth_verifier])).toEqual([]);
	});
});

describe('Re-Authenticate Instance', () => {
	const reauthenticate = (extra: IDataObject = {}) => ({ operation: 'reauthenticateInstance', instanceId: '={{ $json.id }}', ...extra });

	it('gives a broken OAuth instance a fresh code by PUT ?reAuthenticate=true, keeping its ID and token', async () => {
		const first = await customerChooses('allow');
		const { items } = await runProvision({ fake: ctx.fake, items: [first], parameters: provision() });
		const { id, token } = items[0].json as { id: number; token: string };
		ctx.fake.breakInstance(id, { disabled: true, valid: false });

		const second = await customerChooses('allow');
		const result = await runProvision({
			fake: ctx.fake,
			items: [{ ...second, id }],
			parameters: reauthenticate({ authorization: 'callback', callbackQuery: '={{ $json.query }}', expectedState: '={{ $json.state }}' }),
		});

		expect(result.status).toBe('success');
		const put = result.requests.find((request) => request.method === 'PUT')!;
		expect(put).toMatchObject({ path: `/instances/${id}`, query: { reAuthenticate: 'true' } });
		expect(put.body.providerData).toEqual({ code: second.query.code });
		expect(Object.keys(put.body.configuration)).not.toContain('oauth.user.refresh_token');
		expect(result.items[0].json).toMatchObject({ id, token, valid: true });
		expect(leakedSecrets(shownByNode(result), [...secrets, second.query.code])).toEqual([]);
	});

	it("gives a key-based instance its new key by PUT, keeping its ID and token", async () => {
		const [autopilot] = await createInstances(ctx.fake, [{ name: 'acme', element: 'autopilot' }]);
		ctx.fake.breakInstance(autopilot.id, { valid: false });

		const result = await runProvision({
			fake: ctx.fake,
			items: [{ id: autopilot.id }],
			parameters: reauthenticate({
				authorization: 'configuration',
				secretConfiguration: { entries: [{ key: 'api.key', value: 'new-autopilot-api-key-value' }] },
			}),
		});

		expect(result.status).toBe('success');
		const put = result.requests.find((request) => request.method === 'PUT')!;
		expect(put.query).toEqual({});
		expect(put.body.configuration).toMatchObject({ 'api.key': 'new-autopilot-api-key-value' });
		expect(result.items[0].json).toMatchObject({ id: autopilot.id, token: autopilot.token, valid: true });
		expect(result.items[0].json.configuration).toMatchObject({ 'api.key': '********' });
	});

	it('keeps the secrets its PUT carries out of an error that echoes them: those stored and those typed as JSON', async () => {
		// HubSpot reads its client secret back in clear; re-authenticating sends it back as it was.
		const [hubspot] = await createInstances(ctx.fake, [
			{
				name: 'acme',
				element: 'hubspot',
				configuration: { 'oauth.api.key': 'hubspot-client-id', 'oauth.api.secret': 'hubspot-client-secret-value' },
			},
		]);
		const sent = ['hubspot-client-secret-value', 'api-key-typed-as-json'];
		ctx.fake.inject({ method: 'PUT', status: 400, body: { message: `Invalid configuration: ${sent.join(', ')}` } });

		const result = await runProvision({
			fake: ctx.fake,
			items: [{ id: hubspot.id }],
			parameters: reauthenticate({
				authorization: 'configuration',
				// A secret entry cleared (null) is sent too, and is no text to redact.
				configurationJson:
					'{"authentication.type": "apiKey", "hubspot.authorization.apikey": "api-key-typed-as-json", "event.notification.signature.key": null}',
			}),
		});

		const put = result.requests.find((request) => request.method === 'PUT')!;
		expect(Object.values(put.body.configuration)).toEqual(expect.arrayContaining(sent));
		expect(result.error.httpCode).toBe('400');
		expect(leakedSecrets(shownByNode(result), sent)).toEqual([]);
	});

	it('names what is missing when neither a callback nor new entries are given', async () => {
		const result = await runProvision({
			fake: ctx.fake,
			items: [{ id: 1000 }],
			parameters: reauthenticate({ authorization: 'configuration' }),
		});
		expect(result.error.message).toBe('Invalid fields: Set the new configuration entries, or choose OAuth Callback');
		expect(result.requests).toHaveLength(0);
	});
});
