import { authorize, call, consent, OAUTH_APP, OAUTH_APP_CONFIGURATION } from '../harness/api';
import { useFakeCloudElements } from '../harness/fake';

// The OAuth round trip over plain HTTP: the authorization URL, the provider's consent
// page as a browser meets it (redirects followed by hand), and the create that redeems the code.

const ctx = useFakeCloudElements();

const get = (path: string) => call(ctx.fake, path);
const create = (body: Record<string, unknown>) =>
	call(ctx.fake, '/instances', { method: 'POST', body: { name: 'acme', ...body } });

/** GET /elements/{key}/oauth/url with these parameters. */
const oauthUrl = (key: string, params: Record<string, string> = OAUTH_APP) =>
	get(`/elements/${key}/oauth/url?${new URLSearchParams(params)}`);

/** The code (and the rest of the callback's query) a user's Allow brings back. */
const allowed = (key: string, params?: Record<string, string>) => authorize(ctx.fake, key, params);

/** Opens a URL as a browser would, without following its redirect. */
async function open(url: string, init: RequestInit = {}) {
	const response = await fetch(url, { ...init, redirect: 'manual' });
	return {
		status: response.status,
		location: response.headers.get('location'),
		type: response.headers.get('content-type'),
		page: await response.text(),
	};
}

/** The consent form's fields and its buttons, as a browser would submit them. */
function form(page: string) {
	const fields = [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(([, name, value]) => [
		name,
		value,
	]);
	const action = /<form method="post" action="([^"]+)">/.exec(page)![1];
	const buttons = [...page.matchAll(/<button type="submit" name="decision" value="(\w+)">(\w+)<\/button>/g)].map(
		([, value, label]) => ({ value, label }),
	);
	const unescape = (text: string) => text.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)));
	return { action, fields: Object.fromEntries(fields.map(([name, value]) => [name, unescape(value)])), buttons };
}

describe('GET /elements/{keyOrId}/oauth/url', () => {
	it('answers the element key and an authorize URL on the fake, with the app, callback, scope and state', async () => {
		const answer = await oauthUrl('hubspot', { ...OAUTH_APP, scope: 'contacts timeline', state: 'onboarding-42' });

		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ element: 'hubspot', oauthUrl: expect.any(String) });
		const url = new URL(answer.body.oauthUrl);
		expect(url.origin).toBe(new URL(ctx.fake.url).origin);
		expect(url.pathname).toBe('/provider/hubspot/authorize');
		expect(Object.fromEntries(url.searchParams)).toEqual({
			response_type: 'code',
			client_id: 'client-id',
			redirect_uri: OAUTH_APP.callbackUrl,
			state: 'onboarding-42',
			scope: 'contacts timeline',
		});
		expect(answer.body.oauthUrl).not.toContain(OAUTH_APP.apiSecret);
	});

	it('defaults state to the element key, takes a numeric id, and passes element-specific extras on', async () => {
		const answer = await oauthUrl('43', { ...OAUTH_APP, siteAddress: 'https://test.salesforce.com', subdomain: 'acme' });
		const query = Object.fromEntries(new URL(answer.body.oauthUrl).searchParams);

		expect(answer.body.element).toBe('hubspot');
		expect(query).toMatchObject({ state: 'hubspot', siteAddress: 'https://test.salesforce.com', subdomain: 'acme' });
		expect(query).not.toHaveProperty('scope');
	});

	it('answers the same to POST with the parameters as a JSON body', async () => {
		const posted = await call(ctx.fake, '/elements/mailchimpv3/oauth/url', { method: 'POST', body: { ...OAUTH_APP, state: 's1' } });
		const got = await oauthUrl('mailchimpv3', { ...OAUTH_APP, state: 's1' });

		expect(posted).toMatchObject({ status: 200, body: { element: 'mailchimpv3' } });
		expect(posted.body.oauthUrl).toBe(got.body.oauthUrl);
	});

	it.each([
		[{}, 'apiKey, apiSecret, callbackUrl'],
		[{ apiKey: 'client-id', callbackUrl: OAUTH_APP.callbackUrl }, 'apiSecret'],
		[{ apiKey: ' ', apiSecret: 's', callbackUrl: '' }, 'apiKey, callbackUrl'],
	])('refuses %j with 400 naming every missing parameter', async (params, missing) => {
		expect(await oauthUrl('eloqua', params)).toMatchObject({
			status: 400,
			body: { requestId: expect.any(String), message: `Missing required parameters: ${missing}` },
		});
		expect((await call(ctx.fake, '/elements/eloqua/oauth/url', { method: 'POST', body: params })).body.message).toBe(
			`Missing required parameters: ${missing}`,
		);
	});

	it('refuses a callback URL that is not an absolute web URL', async () => {
		const answer = await oauthUrl('eloqua', { ...OAUTH_APP, callbackUrl: 'example.com/callback' });
		expect(answer).toMatchObject({ status: 400, body: { message: 'callbackUrl must be an absolute http(s) URL' } });
	});

	it.each([
		['autopilot', OAUTH_APP, 'Element autopilot is not an OAuth element'],
		// Client credentials: no consent, so no authorization page.
		['marketo', OAUTH_APP, 'Element marketo is not an OAuth element'],
		['hubspot', { ...OAUTH_APP, 'authentication.type': 'apiKey' }, 'Authentication type apiKey of element hubspot is not OAuth'],
	])('refuses %s (%j) with 400: not an OAuth element', async (key, params, message) => {
		expect(await oauthUrl(key, params)).toMatchObject({ status: 400, body: { message } });
	});

	it('offers the OAuth 2 of an element whose default authentication is another', async () => {
		expect((await oauthUrl('campaignmonitor')).status).toBe(200);
	});

	it('answers 404 for an unknown element, 405 for other methods, 404 for other OAuth paths', async () => {
		expect(await oauthUrl('salesforce-pardot')).toMatchObject({
			status: 404,
			body: { message: 'No element found with key or id salesforce-pardot' },
		});
		expect((await call(ctx.fake, '/elements/hubspot/oauth/url', { method: 'DELETE' })).status).toBe(405);
		expect((await get('/elements/hubspot/oauth/other')).status).toBe(404);
	});

	it('asks for the account secrets like every platform call', async () => {
		const response = await fetch(`${ctx.fake.url}/elements/hubspot/oauth/url?${new URLSearchParams(OAUTH_APP)}`);
		expect(response.status).toBe(401);
	});
});

describe('the consent page', () => {
	it('shows a plain HTML form with Allow and Deny, without asking for the account secrets', async () => {
		const { oauthUrl: url } = (await oauthUrl('hubspot', { ...OAUTH_APP, scope: 'contacts' })).body;
		const shown = await open(url);

		expect(shown).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', location: null });
		expect(shown.page).toContain('HubSpot Marketing');
		expect(shown.page).toContain('<strong>client-id</strong>');
		const { action, fields, buttons } = form(shown.page);
		expect(action).toBe('/provider/hubspot/authorize');
		expect(buttons).toEqual([
			{ value: 'allow', label: 'Allow' },
			{ value: 'deny', label: 'Deny' },
		]);
		expect(fields).toEqual(Object.fromEntries(new URL(url).searchParams));
		expect(shown.page).not.toContain(OAUTH_APP.apiSecret);
	});

	it('redirects Allow (a form post, as a browser sends it) to the callback with a code and the state', async () => {
		const { oauthUrl: url } = (await oauthUrl('hubspot', { ...OAUTH_APP, state: 'customer-7' })).body;
		const { action, fields } = form((await open(url)).page);
		const clicked = await open(new URL(action, url).href, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ ...fields, decision: 'allow' }),
		});

		expect(clicked.status).toBe(302);
		const callback = new URL(clicked.location!);
		expect(`${callback.origin}${callback.pathname}`).toBe(OAUTH_APP.callbackUrl);
		expect(Object.fromEntries(callback.searchParams)).toEqual({
			code: expect.stringMatching(/^[\w-]{20}$/),
			state: 'customer-7',
		});
	});

	it('redirects Deny to the callback with error=access_denied and the state, and no code', async () => {
		const { oauthUrl: url } = (await oauthUrl('hubspot')).body;
		const { action, fields } = form((await open(url)).page);
		const clicked = await open(new URL(action, url).href, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ ...fields, decision: 'deny' }),
		});

		expect(clicked.status).toBe(302);
		expect(Object.fromEntries(new URL(clicked.location!).searchParams)).toEqual({
			error: 'access_denied',
			error_description: 'The user denied access to the app',
			state: 'hubspot',
		});
	});

	it('takes decision=allow|deny on the URL at once, for clients without a browser, keeping the callback query', async () => {
		const callbackUrl = `${OAUTH_APP.callbackUrl}?tenant=acme`;
		const { oauthUrl: url } = (await oauthUrl('eloqua', { ...OAUTH_APP, callbackUrl })).body;

		const allow = await consent(url, 'allow');
		const deny = await consent(url, 'deny');

		expect(allow).toMatchObject({ status: 302, params: { tenant: 'acme', code: expect.any(String), state: 'eloqua' } });
		expect(allow.location!.startsWith(`${OAUTH_APP.callbackUrl}?tenant=acme&code=`)).toBe(true);
		expect(deny).toMatchObject({ status: 302, params: { tenant: 'acme', error: 'access_denied', state: 'eloqua' } });
	});

	it('adds the element extras the provider sends: QuickBooks (OAuth 2) the company realmId', async () => {
		const callback = await allowed('quickbooks', { ...OAUTH_APP, 'authentication.type': 'oauth2' });
		expect(callback).toEqual({ code: expect.any(String), state: 'quickbooks', realmId: expect.stringMatching(/^\d{15}$/) });
	});

	it('turns the next choice into a denial after declineNext(), once', async () => {
		const { oauthUrl: url } = (await oauthUrl('eloqua')).body;
		ctx.fake.declineNext();

		expect((await consent(url, 'allow')).params).toMatchObject({ error: 'access_denied' });
		expect((await consent(url, 'allow')).params).toMatchObject({ code: expect.any(String) });
	});

	it.each([
		[
			'a client id never given to /oauth/url',
			{ client_id: 'other-client' },
			'invalid_request: no app with client_id other-client',
		],
		['another callback URL', { redirect_uri: 'https://evil.example/steal' }, 'redirect_uri https://evil.example/steal'],
		['another response type', { response_type: 'token' }, 'unsupported_response_type: response_type must be code'],
		['a decision of neither', { decision: 'maybe' }, 'decision must be allow or deny'],
	])('refuses %s with an error page, not a redirect', async (_case, change, text) => {
		const url = new URL((await oauthUrl('eloqua')).body.oauthUrl);
		for (const [name, value] of Object.entries(change)) url.searchParams.set(name, value);
		const shown = await open(url.href);

		expect(shown).toMatchObject({ status: 400, location: null, type: 'text/html; charset=utf-8' });
		expect(shown.page).toContain(text);
	});

	it('answers 404 for an element without a consent step and for other provider pages', async () => {
		const origin = new URL(ctx.fake.url).origin;
		expect((await open(`${origin}/provider/autopilot/authorize`)).status).toBe(404);
		expect((await open(`${origin}/provider/hubspot/token`)).status).toBe(404);
	});

	it('forgets its authorization URLs on reset', async () => {
		const { oauthUrl: url } = (await oauthUrl('eloqua')).body;
		ctx.fake.reset();
		expect((await consent(url)).status).toBe(400);
	});
});

describe('POST /instances with an authorization code', () => {
	it('provisions with the code and the same app, storing new internal tokens, read back masked', async () => {
		const { code } = await allowed('mailchimpv3');
		const answer = await create({ element: { key: 'mailchimpv3' }, configuration: OAUTH_APP_CONFIGURATION, providerData: { code } });

		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({ valid: true, disabled: false, externalAuthentication: 'none' });
		expect(answer.body.configuration).toMatchObject({
			'oauth.api.key': 'client-id',
			'oauth.api.secret': '********',
			'oauth.callback.url': OAUTH_APP.callbackUrl,
			'oauth.user.token': '********',
			'oauth.user.refresh_token': '********',
		});
		expect(answer.body).not.toHaveProperty('providerData');
	});

	it('gives each instance tokens of its own (HubSpot echoes them)', async () => {
		const [first, second] = [await allowed('hubspot'), await allowed('hubspot')];
		const one = await create({ element: { key: 'hubspot' }, configuration: OAUTH_APP_CONFIGURATION, providerData: { code: first.code } });
		const two = await create({ element: { key: 'hubspot' }, configuration: OAUTH_APP_CONFIGURATION, providerData: { code: second.code } });

		const tokens = [one, two].map((answer) => answer.body.configuration['oauth.user.token']);
		expect(tokens[0]).toMatch(/^[\w-]{32}$/);
		expect(tokens[1]).not.toBe(tokens[0]);
		expect(one.body.configuration['oauth.user.refresh_token']).not.toBe(tokens[0]);
	});

	it('refuses a code used once already, as a provider answers invalid_grant', async () => {
		const { code } = await allowed('mailchimpv3');
		const body = { element: { key: 'mailchimpv3' }, configuration: OAUTH_APP_CONFIGURATION, providerData: { code } };

		expect((await create(body)).status).toBe(200);
		expect(await create(body)).toMatchObject({
			status: 400,
			body: { message: 'invalid_grant: providerData.code has already been used' },
		});
		expect(ctx.fake.instances).toHaveLength(1);
	});

	it('refuses a code it never issued', async () => {
		const answer = await create({
			element: { key: 'mailchimpv3' },
			configuration: OAUTH_APP_CONFIGURATION,
			providerData: { code: 'made-up' },
		});
		expect(answer).toMatchObject({
			status: 400,
			body: { message: 'invalid_grant: providerData.code is not an authorization code the provider issued' },
		});
	});

	it('refuses a code issued for another element', async () => {
		const { code } = await allowed('eloqua');
		const answer = await create({ element: { key: 'mailchimpv3' }, configuration: OAUTH_APP_CONFIGURATION, providerData: { code } });
		expect(answer.body.message).toBe('invalid_grant: providerData.code was issued for another element (eloqua)');
	});

	it.each([
		[{ 'oauth.api.key': 'other-client' }, 'oauth.api.key'],
		[{ 'oauth.api.secret': 'other-secret-value' }, 'oauth.api.secret'],
		[{ 'oauth.callback.url': `${OAUTH_APP.callbackUrl}/other` }, 'oauth.callback.url'],
		[
			{ 'oauth.api.secret': 'other-secret-value', 'oauth.callback.url': `${OAUTH_APP.callbackUrl}/other` },
			'oauth.api.secret, oauth.callback.url',
		],
	])(
		'refuses a code redeemed with %j: names what differs, never the secret, and keeps the code for a corrected try',
		async (change, named) => {
			const { code } = await allowed('mailchimpv3');
			const refused = await create({
				element: { key: 'mailchimpv3' },
				configuration: { ...OAUTH_APP_CONFIGURATION, ...change },
				providerData: { code },
			});

			expect(refused).toMatchObject({
				status: 400,
				body: { message: `invalid_grant: providerData.code was issued with another ${named}` },
			});
			expect(JSON.stringify(refused.body)).not.toMatch(/secret-value/);
			expect(
				(await create({ element: { key: 'mailchimpv3' }, configuration: OAUTH_APP_CONFIGURATION, providerData: { code } })).status,
			).toBe(200);
		},
	);

	it('binds each code to the secret its URL was made with, per client id and callback', async () => {
		const first = await allowed('mailchimpv3');
		const second = await allowed('mailchimpv3', { ...OAUTH_APP, apiSecret: 'rotated-secret-value', callbackUrl: `${OAUTH_APP.callbackUrl}/v2` });
		const rotated = { ...OAUTH_APP_CONFIGURATION, 'oauth.api.secret': 'rotated-secret-value', 'oauth.callback.url': `${OAUTH_APP.callbackUrl}/v2` };

		const redeem = (configuration: Record<string, string>, code: string) =>
			create({ element: { key: 'mailchimpv3' }, configuration, providerData: { code } });

		expect((await redeem(rotated, first.code)).body.message).toBe(
			'invalid_grant: providerData.code was issued with another oauth.api.secret, oauth.callback.url',
		);
		expect((await redeem(OAUTH_APP_CONFIGURATION, second.code)).body.message).toBe(
			'invalid_grant: providerData.code was issued with another oauth.api.secret, oauth.callback.url',
		);
		expect((await redeem(OAUTH_APP_CONFIGURATION, first.code)).status).toBe(200);
		expect((await redeem(rotated, second.code)).status).toBe(200);
	});

	it('takes the callback extras forwarded in providerData (QuickBooks realmId)', async () => {
		const { code, realmId } = await allowed('quickbooks', { ...OAUTH_APP, 'authentication.type': 'oauth2' });
		const answer = await create({
			element: { key: 'quickbooks' },
			configuration: { ...OAUTH_APP_CONFIGURATION, 'authentication.type': 'oauth2' },
			providerData: { code, realmId },
		});
		expect(answer).toMatchObject({ status: 200, body: { valid: true } });
	});

	it('checks the code after everything else, so a refused create leaves it unused', async () => {
		const { code } = await allowed('mailchimpv3');
		const unnamed = await create({
			element: { key: 'mailchimpv3' },
			configuration: OAUTH_APP_CONFIGURATION,
			providerData: { code },
			name: ' ',
		});

		expect(unnamed.body.message).toBe('An instance name is required');
		expect((await create({ element: { key: 'mailchimpv3' }, configuration: OAUTH_APP_CONFIGURATION, providerData: { code } })).status).toBe(
			200,
		);
	});

	it('uses a code up when the create took effect though its answer was lost', async () => {
		const { code } = await allowed('mailchimpv3');
		const body = { element: { key: 'mailchimpv3' }, configuration: OAUTH_APP_CONFIGURATION, providerData: { code } };
		ctx.fake.inject({ method: 'POST', path: '/instances', process: true, status: 502 });

		expect((await create(body)).status).toBe(502);
		expect((await create(body)).body.message).toBe('invalid_grant: providerData.code has already been used');
		expect(ctx.fake.instances).toHaveLength(1);
	});
});

describe('POST /instances from an existing refresh token (externalAuthentication "initial")', () => {
	it('provisions without a code, keeping the tokens it was given', async () => {
		const answer = await create({
			element: { key: 'hubspot' },
			configuration: { ...OAUTH_APP_CONFIGURATION, 'oauth.user.refresh_token': 'existing-refresh-token' },
			externalAuthentication: 'initial',
		});

		expect(answer).toMatchObject({ status: 200, body: { externalAuthentication: 'initial', valid: true } });
		expect(answer.body.configuration['oauth.user.refresh_token']).toBe('existing-refresh-token');
	});

	it('demands the refresh token it provisions from', async () => {
		const answer = await create({
			element: { key: 'mailchimpv3' },
			configuration: OAUTH_APP_CONFIGURATION,
			externalAuthentication: 'initial',
		});
		expect(answer).toMatchObject({ status: 400, body: { message: 'Missing required configuration: oauth.user.refresh_token' } });
	});
});

describe('OAuth 1 (QuickBooks)', () => {
	const requestToken = (params: Record<string, string> = OAUTH_APP) =>
		get(`/elements/quickbooks/oauth/token?${new URLSearchParams(params)}`);

	/** Request token, URL, Allow: the providerData a create brings, as QuickBooks documents it. */
	async function authorized(app: Record<string, string> = OAUTH_APP) {
		const { token, secret } = (await requestToken(app)).body;
		const { params } = await consent((await oauthUrl('quickbooks', { ...app, requestToken: token })).body.oauthUrl);
		return { ...params!, secret };
	}

	const provision = (providerData: Record<string, string>, configuration: Record<string, string> = OAUTH_APP_CONFIGURATION) =>
		create({ element: { key: 'quickbooks' }, configuration, providerData });

	it('is QuickBooks by default, OAuth 2 only when authentication.type says so', async () => {
		const element = (await get('/elements/quickbooks')).body;
		expect(element).toMatchObject({ id: 39, typeOauth: true, authentication: { type: 'oauth1' } });
		expect(await oauthUrl('quickbooks')).toMatchObject({
			status: 400,
			body: { message: 'Missing required parameters: requestToken' },
		});
	});

	it('makes a request token and its secret with GET /oauth/token', async () => {
		const answer = await requestToken();

		expect(answer).toMatchObject({
			status: 200,
			body: { token: expect.stringMatching(/^[\w-]{24}$/), secret: expect.any(String) },
		});
		expect(answer.body.secret).not.toBe(answer.body.token);
	});

	it.each([
		['quickbooks', {}, 400, 'Missing required parameters: apiKey, apiSecret, callbackUrl'],
		['quickbooks', { ...OAUTH_APP, callbackUrl: 'not-a-url' }, 400, 'callbackUrl must be an absolute http(s) URL'],
		['mailchimpv3', OAUTH_APP, 400, 'Element mailchimpv3 is not an OAuth 1 element'],
		['autopilot', OAUTH_APP, 400, 'Element autopilot is not an OAuth 1 element'],
		['quickbooks-online', OAUTH_APP, 404, 'No element found with key or id quickbooks-online'],
	])('refuses /elements/%s/oauth/token with %j', async (key, params, status, message) => {
		const answer = await get(`/elements/${key}/oauth/token?${new URLSearchParams(params)}`);
		expect(answer).toMatchObject({ status, body: { message } });
	});

	it('answers 405 to a POST of /oauth/token', async () => {
		expect((await call(ctx.fake, '/elements/quickbooks/oauth/token', { method: 'POST', body: OAUTH_APP })).status).toBe(405);
	});

	it('builds the authorize URL from the request token, the callback carrying the state, as Intuit did', async () => {
		const { token, secret } = (await requestToken()).body;
		const answer = await oauthUrl('quickbooks', { ...OAUTH_APP, requestToken: token, state: 'customer-7' });
		const url = new URL(answer.body.oauthUrl);

		expect(answer.body.element).toBe('quickbooks');
		expect(url.pathname).toBe('/provider/quickbooks/authorize');
		expect(Object.fromEntries(url.searchParams)).toEqual({ oauth_token: token, oauth_callback: `${OAUTH_APP.callbackUrl}?state=customer-7` });
		expect(answer.body.oauthUrl).not.toContain(secret);
		expect(answer.body.oauthUrl).not.toContain(OAUTH_APP.apiSecret);
	});

	it('refuses a request token it never made, or one made for another app', async () => {
		const { token } = (await requestToken()).body;

		expect((await oauthUrl('quickbooks', { ...OAUTH_APP, requestToken: 'made-up' })).body.message).toBe(
			'requestToken is not a request token from GET /elements/quickbooks/oauth/token',
		);
		expect(
			(await oauthUrl('quickbooks', { ...OAUTH_APP, apiKey: 'other', callbackUrl: `${OAUTH_APP.callbackUrl}/other`, requestToken: token })).body
				.message,
		).toBe('requestToken was issued with another apiKey, callbackUrl');
	});

	it('redirects Allow to the callback with oauth_token, oauth_verifier, realmId, dataSource and the state', async () => {
		const { token } = (await requestToken()).body;
		const url = (await oauthUrl('quickbooks', { ...OAUTH_APP, requestToken: token })).body.oauthUrl;
		const page = await open(url);
		const allowed = await consent(url);

		expect(page.status).toBe(200);
		expect(page.page).toContain('<strong>client-id</strong>');
		expect(allowed.location!.startsWith(`${OAUTH_APP.callbackUrl}?`)).toBe(true);
		expect(allowed.params).toEqual({
			oauth_token: token,
			oauth_verifier: expect.stringMatching(/^[\w-]{16}$/),
			realmId: expect.stringMatching(/^\d{15}$/),
			dataSource: 'QBO',
			state: 'quickbooks',
		});
	});

	it('redirects Deny with error=access_denied and the state, and no verifier', async () => {
		const { token } = (await requestToken()).body;
		const denied = await consent((await oauthUrl('quickbooks', { ...OAUTH_APP, requestToken: token })).body.oauthUrl, 'deny');

		expect(denied.params).toEqual({
			error: 'access_denied',
			error_description: 'The user denied access to the app',
			state: 'quickbooks',
		});
	});

	it('provisions from the documented providerData, storing the access token and its secret, read back masked', async () => {
		const answer = await provision(await authorized());

		expect(answer.status).toBe(200);
		expect(answer.body.configuration).toMatchObject({
			'authentication.type': 'oauth1',
			'oauth.api.secret': '********',
			'oauth.user.token': '********',
			'oauth.user.token.secret': '********',
		});
		expect(answer.body.configuration).not.toHaveProperty('oauth.user.refresh_token');
	});

	it('demands the three OAuth 1 values in providerData, naming those missing', async () => {
		expect((await provision({})).body.message).toBe(
			'Missing required provider data: providerData.oauth_token, providerData.oauth_verifier, providerData.secret',
		);
		expect((await provision({ oauth_token: 't', oauth_verifier: 'v' })).body.message).toBe(
			'Missing required provider data: providerData.secret',
		);
	});

	it('refuses a request token exchanged already', async () => {
		const providerData = await authorized();
		expect((await provision(providerData)).status).toBe(200);
		expect((await provision(providerData)).body.message).toBe('token_used: providerData.oauth_token has already been exchanged');
	});

	it.each([
		[{ oauth_token: 'made-up' }, 'token_rejected: providerData.oauth_token is not a request token the provider issued'],
		[
			{ oauth_verifier: 'guessed' },
			'verifier_invalid: providerData.oauth_verifier is not the one the consent gave providerData.oauth_token',
		],
		[{ secret: 'other-secret' }, 'signature_invalid: providerData.secret is not the secret of providerData.oauth_token'],
	])('refuses providerData with %j, keeping the token for a corrected try', async (change, message) => {
		const providerData = await authorized();
		expect(await provision({ ...providerData, ...change })).toMatchObject({ status: 400, body: { message } });
		expect((await provision(providerData)).status).toBe(200);
	});

	it('refuses a request token the user never authorized', async () => {
		const { token, secret } = (await requestToken()).body;
		expect((await provision({ oauth_token: token, oauth_verifier: 'v', secret })).body.message).toBe(
			'verifier_invalid: providerData.oauth_verifier is not the one the consent gave providerData.oauth_token',
		);
	});

	it('refuses a configuration with another app than the request token was made for', async () => {
		const answer = await provision(await authorized(), { ...OAUTH_APP_CONFIGURATION, 'oauth.api.secret': 'other-secret-value' });
		expect(answer.body.message).toBe('token_rejected: providerData.oauth_token was issued with another oauth.api.secret');
	});

	it('re-authenticates an OAuth 1 instance with a new request token, keeping id and token', async () => {
		const created = (await provision(await authorized())).body;
		ctx.fake.breakInstance(created.id);
		const answer = await call(ctx.fake, `/instances/${created.id}?reAuthenticate=true`, {
			method: 'PUT',
			body: { providerData: await authorized() },
		});

		expect(answer.body).toMatchObject({ id: created.id, token: created.token, valid: true });
	});

	it('provisions from existing tokens (token based), demanding the access token and its secret', async () => {
		const external = { element: { key: 'quickbooks' }, externalAuthentication: 'initial' };
		const refused = await create({ ...external, configuration: OAUTH_APP_CONFIGURATION });
		const taken = await create({
			...external,
			configuration: { ...OAUTH_APP_CONFIGURATION, 'oauth.user.token': 'existing-token', 'oauth.user.token.secret': 'existing-secret' },
		});

		expect(refused.body.message).toBe('Missing required configuration: oauth.user.token, oauth.user.token.secret');
		expect(taken).toMatchObject({ status: 200, body: { externalAuthentication: 'initial' } });
	});
});

describe('Pardot', () => {
	const LEGACY = {
		'apikey.user.name': 'ops@example.com',
		'apikey.user.password': 'pardot-password-value',
		'apikey.user.key': 'pardot-user-key-value',
		'provider.version': '3',
	};
	// Research §3.1's sample, with the callback URL and code every OAuth 2 code grant needs.
	const SALESFORCE = {
		'authentication.type': 'oauth2',
		'pardot.sandbox': 'false',
		'oauth.api.key': OAUTH_APP.apiKey,
		'oauth.business.unit.id': 'acme-business-unit',
		'oauth.api.secret': OAUTH_APP.apiSecret,
		'oauth.callback.url': OAUTH_APP.callbackUrl,
	};

	it('provisions the legacy body exactly as before: no authentication.type, no providerData', async () => {
		const answer = await create({ element: { key: 'pardot' }, configuration: LEGACY });

		expect(answer.status).toBe(200);
		expect(answer.body.configuration).toEqual({
			'apikey.user.name': 'ops@example.com',
			'apikey.user.password': '********',
			'apikey.user.key': 'pardot-user-key-value',
			'provider.version': '3',
			'base.url': 'https://pi.pardot.com/api',
		});
	});

	it('provisions with Salesforce OAuth 2: the business unit, the app and a code from its consent page', async () => {
		const { code } = await allowed('pardot');
		const answer = await create({ element: { key: 'pardot' }, configuration: SALESFORCE, providerData: { code } });

		expect(answer.status).toBe(200);
		expect(answer.body.configuration).toMatchObject({
			'authentication.type': 'oauth2',
			'oauth.business.unit.id': 'acme-business-unit',
			'oauth.api.secret': '********',
			'oauth.user.token': '********',
			'oauth.user.refresh_token': '********',
		});
		expect(answer.body.configuration).not.toHaveProperty('apikey.user.name');
	});

	it('demands with oauth2 its own keys, not the legacy ones, then the code', async () => {
		const bare = await create({ element: { key: 'pardot' }, configuration: { 'authentication.type': 'oauth2' } });
		const codeless = await create({ element: { key: 'pardot' }, configuration: SALESFORCE });

		expect(bare.body.message).toBe(
			'Missing required configuration: oauth.api.key, oauth.business.unit.id, oauth.api.secret, oauth.callback.url',
		);
		expect(codeless.body.message).toBe('Missing required provider data: providerData.code');
	});

	it('refuses the authentication types it has no keys for', async () => {
		const answer = await create({
			element: { key: 'pardot' },
			configuration: { ...SALESFORCE, 'authentication.type': 'jwtOauth' },
		});
		expect(answer.body.message).toBe('Invalid value for authentication.type: must be one of apiKey, oauth2');
	});

	it('re-authenticates a legacy instance onto Salesforce OAuth with a code', async () => {
		const legacy = (await create({ element: { key: 'pardot' }, configuration: LEGACY })).body;
		const { code } = await allowed('pardot');
		const answer = await call(ctx.fake, `/instances/${legacy.id}?reAuthenticate=true`, {
			method: 'PUT',
			body: { configuration: SALESFORCE, providerData: { code } },
		});

		expect(answer.body).toMatchObject({ id: legacy.id, token: legacy.token, valid: true });
		expect(answer.body.configuration).toMatchObject({ 'authentication.type': 'oauth2', 'oauth.user.token': '********' });
	});
});
