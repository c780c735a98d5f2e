'use strict';

/**
 * The OAuth providers behind the fake's OAuth elements, as research §2 describes
 * the round trip: Cloud Elements hands out the provider's authorization URL
 * (`GET|POST /elements/{keyOrId}/oauth/url`), the user consents at the provider,
 * which sends the browser back to the callback URL with a `code`, and the create
 * (or re-authentication) that brings the code in `providerData` gets the tokens.
 *
 * Here the provider is the fake itself, outside the API root:
 * `/provider/{key}/authorize` is a plain HTML consent page whose Allow and Deny
 * buttons redirect (302) to the callback with `code` and `state` (and the
 * element's extras, e.g. QuickBooks' `realmId`), or with
 * `error=access_denied&error_description=…&state=…`. `decision=allow|deny` on
 * that URL takes the choice at once, for clients without a browser.
 *
 * A code is single use and bound to the element, client id, client secret and
 * callback URL its authorization URL was made with: the configuration that
 * redeems it must carry the same `oauth.api.key`, `oauth.api.secret` and
 * `oauth.callback.url`.
 *
 * OAuth 1.0a (§2.4, QuickBooks): `GET /elements/{key}/oauth/token` first makes a
 * request token and its secret, bound as a code is; /oauth/url takes it as
 * `requestToken`; Allow sends back `oauth_token` and `oauth_verifier`; the create
 * brings those and the request token's `secret`.
 */
const crypto = require('node:crypto');

const { elementByKey } = require('./elements');
const { isConsentGrant } = require('./metadata');

const PROVIDER_ROOT = '/provider';

const REQUIRED_PARAMETERS = ['apiKey', 'apiSecret', 'callbackUrl'];
// Parameters /oauth/url itself consumes; any other is an element's own, passed on to the provider.
const URL_PARAMETERS = [...REQUIRED_PARAMETERS, 'scope', 'state', 'authentication.type', 'requestToken'];
// What a code or request token is bound to, by the /oauth/url parameter it came from and the
// configuration key that must match it when redeemed.
const PARAMETER_NAMES = { clientId: 'apiKey', clientSecret: 'apiSecret', callbackUrl: 'callbackUrl' };
const CONFIGURATION_KEYS = { clientId: 'oauth.api.key', clientSecret: 'oauth.api.secret', callbackUrl: 'oauth.callback.url' };

/** The providers of every OAuth element, their pages served from `origin()` (the fake's own). */
function createProviders(origin) {
	const state = {
		// The client secret each OAuth 2 authorization URL was made with, by element, client id and callback URL.
		secrets: new Map(),
		codes: new Map(),
		// OAuth 1 request tokens: the app they were made for, their secret, then the state and verifier.
		requestTokens: new Map(),
		declineNext: false,
	};

	/** `GET|POST /elements/{keyOrId}/oauth/url`: `{ element, oauthUrl }`, with `params` from the query or the JSON body. */
	function authorizationUrl(element, params) {
		const key = element.summary.key;
		const asked = text(params['authentication.type']);
		const type = consentTypeOf(element, asked);
		if (!type) {
			const message = asked
				? `Authentication type ${asked} of element ${key} is not OAuth`
				: `Element ${key} is not an OAuth element`;
			return [400, { message }];
		}
		const oauth1 = element.auth[type].grant === 'oauth1';
		const problem = appProblem(params, oauth1 ? ['requestToken'] : []);
		if (problem) return [400, { message: problem }];
		const app = appOf(params);
		// "A customizable identifier, typically the element key" (Cloud Elements glossary).
		const echoed = text(params.state) || key;
		const extras = Object.entries(params)
			.filter(([name]) => !URL_PARAMETERS.includes(name))
			.map(([name, value]) => [name, text(value)]);
		const query = oauth1
			? requestTokenQuery(element, app, text(params.requestToken), echoed)
			: codeQuery(element, app, echoed, text(params.scope));
		if (query.problem) return [400, { message: query.problem }];
		const url = `${origin()}${PROVIDER_ROOT}/${key}/authorize?${new URLSearchParams([...Object.entries(query), ...extras])}`;
		return [200, { element: key, oauthUrl: url }];
	}

	/** OAuth 2: the app is remembered with its secret; the URL asks for a code. */
	function codeQuery(element, app, echoed, scope) {
		state.secrets.set(clientOf(element.summary.key, app.clientId, app.callbackUrl), app.clientSecret);
		return {
			response_type: 'code',
			client_id: app.clientId,
			redirect_uri: app.callbackUrl,
			state: echoed,
			...(scope && { scope }),
		};
	}

	/** OAuth 1: the URL authorizes the request token /oauth/token made for the same app. */
	function requestTokenQuery(element, app, requestToken, echoed) {
		const key = element.summary.key;
		const pending = state.requestTokens.get(requestToken);
		if (!pending || pending.element !== key) {
			return { problem: `requestToken is not a request token from GET /elements/${key}/oauth/token` };
		}
		const differs = differing(pending, app, PARAMETER_NAMES);
		if (differs.length) return { problem: `requestToken was issued with another ${differs.join(', ')}` };
		pending.state = echoed;
		// As Intuit's URL reads: the callback with the state in it (the callback itself is the one /oauth/token was given).
		return { oauth_token: requestToken, oauth_callback: withQuery(app.callbackUrl, { state: echoed }) };
	}

	/** `GET /elements/{keyOrId}/oauth/token` (OAuth 1): `{ token, secret }`, a request token for the app in the query. */
	function requestToken(element, params) {
		const key = element.summary.key;
		if (!consentAuthentication(element, 'oauth1')) return [400, { message: `Element ${key} is not an OAuth 1 element` }];
		const problem = appProblem(params, []);
		if (problem) return [400, { message: problem }];
		const [token, secret] = [randomText(18), randomText(24)];
		state.requestTokens.set(token, { element: key, ...appOf(params), secret, used: false });
		return [200, { token, secret }];
	}

	/** A provider page: `[status, html, headers]`. */
	function handle(request) {
		const [, , key, page, ...rest] = request.path.split('/');
		const element = elementByKey(key);
		if (!element || !consentTypeOf(element) || page !== 'authorize' || rest.length) {
			return [404, html('Not found', `<p>No page at ${escape(request.path)}</p>`)];
		}
		if (request.method !== 'GET' && request.method !== 'POST') return [405, html('Not allowed', '<p>GET or POST only</p>')];
		// The consent form posts its fields; a link (or a client without a browser) brings them in the query.
		const params = request.method === 'POST' ? Object.fromEntries(new URLSearchParams(request.rawBody)) : request.query;
		const consenting = params.oauth_token === undefined ? codeConsent(element, params) : requestTokenConsent(element, params);
		if (consenting.problem) return [400, html('Authorization failed', `<p>${escape(consenting.problem)}</p>`)];
		const decision = text(params.decision);
		if (!decision) return [200, consentPage(element, params, consenting.clientId)];
		if (decision !== 'allow' && decision !== 'deny') {
			return [400, html('Authorization failed', '<p>decision must be allow or deny</p>')];
		}
		const denied = decision === 'deny' || state.declineNext;
		state.declineNext = false;
		if (denied) {
			const denial = { error: 'access_denied', error_description: 'The user denied access to the app', ...consenting.echoed };
			return redirect(withQuery(consenting.callbackUrl, denial));
		}
		return redirect(withQuery(consenting.callbackUrl, { ...consenting.allow(), ...consenting.echoed }));
	}

	/**
	 * An OAuth 2 consent: `{ clientId, callbackUrl, echoed, allow() }` (allow() issues the code and
	 * answers the callback's query), or `{ problem }` where the provider shows an error page instead.
	 */
	function codeConsent(element, params) {
		const key = element.summary.key;
		if (text(params.response_type) !== 'code') return { problem: 'unsupported_response_type: response_type must be code' };
		const [clientId, callbackUrl] = [text(params.client_id), text(params.redirect_uri)];
		const clientSecret = state.secrets.get(clientOf(key, clientId, callbackUrl));
		if (clientSecret === undefined) {
			return {
				problem: `invalid_request: no app with client_id ${clientId} and redirect_uri ${callbackUrl}; make this URL with /elements/${key}/oauth/url`,
			};
		}
		const allow = () => {
			const code = randomText(15);
			state.codes.set(code, { element: key, clientId, clientSecret, callbackUrl, used: false });
			return { code, ...extrasOf(consentAuthentication(element, 'code')) };
		};
		// A provider echoes the state it was given, and none it was not.
		return { clientId, callbackUrl, echoed: params.state === undefined ? {} : { state: text(params.state) }, allow };
	}

	/** An OAuth 1 consent, as codeConsent(): Allow gives the request token a verifier. */
	function requestTokenConsent(element, params) {
		const token = text(params.oauth_token);
		const pending = state.requestTokens.get(token);
		if (!pending || pending.element !== element.summary.key || pending.used) {
			return { problem: 'invalid_request: oauth_token is not a request token waiting for authorization' };
		}
		const allow = () => {
			pending.verifier = randomText(12);
			return { oauth_token: token, oauth_verifier: pending.verifier, ...extrasOf(consentAuthentication(element, 'oauth1')) };
		};
		// OAuth 1.0a sends the user back to the callback the request token was made with.
		const echoed = { state: pending.state || element.summary.key };
		return { clientId: pending.clientId, callbackUrl: pending.callbackUrl, echoed, allow };
	}

	/**
	 * The tokens a create or re-authentication gets for its `providerData` under `grant`, checked
	 * against the configuration it brings: `{ tokens }`, or `{ problem }` as the provider's error.
	 * A code (or request token) is used up only by a success, so a refused attempt can be corrected.
	 */
	function exchange(element, grant, configuration, providerData) {
		const redeemed = grant === 'oauth1' ? redeemRequestToken : redeemCode;
		return redeemed(element.summary.key, appOf(configuration, CONFIGURATION_KEYS), providerData);
	}

	function redeemCode(key, app, { code }) {
		const grant = state.codes.get(code);
		if (!grant) return { problem: 'invalid_grant: providerData.code is not an authorization code the provider issued' };
		if (grant.used) return { problem: 'invalid_grant: providerData.code has already been used' };
		if (grant.element !== key)
			return { problem: `invalid_grant: providerData.code was issued for another element (${grant.element})` };
		// Names the keys only: the secret itself never goes into a message.
		const differs = differing(grant, app, CONFIGURATION_KEYS);
		if (differs.length) return { problem: `invalid_grant: providerData.code was issued with another ${differs.join(', ')}` };
		grant.used = true;
		return { tokens: { 'oauth.user.token': randomText(24), 'oauth.user.refresh_token': randomText(24) } };
	}

	/** OAuth 1: its problems named as OAuth's Problem Reporting extension names them. */
	function redeemRequestToken(key, app, { oauth_token: token, oauth_verifier: verifier, secret }) {
		const pending = state.requestTokens.get(token);
		if (!pending) return { problem: 'token_rejected: providerData.oauth_token is not a request token the provider issued' };
		if (pending.used) return { problem: 'token_used: providerData.oauth_token has already been exchanged' };
		if (pending.element !== key) {
			return { problem: `token_rejected: providerData.oauth_token was issued for another element (${pending.element})` };
		}
		if (!pending.verifier || verifier !== pending.verifier) {
			return {
				problem: 'verifier_invalid: providerData.oauth_verifier is not the one the consent gave providerData.oauth_token',
			};
		}
		if (secret !== pending.secret)
			return { problem: 'signature_invalid: providerData.secret is not the secret of providerData.oauth_token' };
		const differs = differing(pending, app, CONFIGURATION_KEYS);
		if (differs.length)
			return { problem: `token_rejected: providerData.oauth_token was issued with another ${differs.join(', ')}` };
		pending.used = true;
		return { tokens: { 'oauth.user.token': randomText(24), 'oauth.user.token.secret': randomText(24) } };
	}

	/** Forgets the authorization URLs, codes and request tokens issued so far. */
	function reset() {
		state.secrets.clear();
		state.codes.clear();
		state.requestTokens.clear();
		state.declineNext = false;
	}

	return {
		authorizationUrl,
		requestToken,
		handle,
		exchange,
		reset,
		declineNext() {
			state.declineNext = true;
		},
	};
}

/** The authentication type an authorization is for: `asked`, if it has a consent step; else the element's first that has one. */
function consentTypeOf(element, asked) {
	if (asked) return Object.hasOwn(element.auth, asked) && isConsentGrant(element.auth[asked].grant) ? asked : undefined;
	return Object.keys(element.auth).find((type) => isConsentGrant(element.auth[type].grant));
}

/** The element's authentication with this grant. */
const consentAuthentication = (element, grant) => Object.values(element.auth).find((auth) => auth.grant === grant);

/** The values the provider adds to its callback for this authentication (`callback`: name → maker). */
const extrasOf = (authentication) =>
	Object.fromEntries(Object.entries(authentication.callback || {}).map(([name, make]) => [name, make()]));

/** What is wrong with the app parameters (and `more` required ones) of /oauth/url or /oauth/token. */
function appProblem(params, more) {
	const missing = [...REQUIRED_PARAMETERS, ...more].filter((name) => !text(params[name]).trim());
	if (missing.length) return `Missing required parameters: ${missing.join(', ')}`;
	if (!isWebUrl(text(params.callbackUrl))) return 'callbackUrl must be an absolute http(s) URL';
	return undefined;
}

/** The app (`clientId`, `clientSecret`, `callbackUrl`) that parameters, or a configuration by `names`, give. */
const appOf = (values, names = PARAMETER_NAMES) =>
	Object.fromEntries(Object.entries(names).map(([field, name]) => [field, text(values[name])]));

/** The names of what differs between the app a grant was issued for and `app`. */
const differing = (grant, app, names) =>
	Object.keys(names)
		.filter((field) => grant[field] !== app[field])
		.map((field) => names[field]);

function consentPage(element, params, clientId) {
	const name = escape(element.summary.name);
	const fields = Object.entries(params)
		.filter(([field]) => field !== 'decision')
		.map(([field, value]) => `<input type="hidden" name="${escape(field)}" value="${escape(text(value))}">`);
	const scope = text(params.scope) ? ` (scope: ${escape(text(params.scope))})` : '';
	return html(
		`Authorize access to ${name}`,
		[
			`<h1>${name}</h1>`,
			`<p>The app <strong>${escape(clientId)}</strong> asks for access to your ${name} account${scope}.</p>`,
			`<form method="post" action="${PROVIDER_ROOT}/${element.summary.key}/authorize">`,
			...fields,
			'<button type="submit" name="decision" value="allow">Allow</button>',
			'<button type="submit" name="decision" value="deny">Deny</button>',
			'</form>',
		].join('\n'),
	);
}

const redirect = (location) => [302, html('Redirecting', `<p><a href="${escape(location)}">Continue</a></p>`), { location }];

function html(title, body) {
	return `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${escape(title)}</title></head>\n<body>\n${body}\n</body>\n</html>\n`;
}

const escape = (value) => String(value).replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** `url` with these query parameters added to its own. */
function withQuery(url, query) {
	const target = new URL(url);
	for (const [name, value] of Object.entries(query)) target.searchParams.set(name, value);
	return target.href;
}

/** A parameter as text: the first of a repeated one; '' for none or an object. */
const text = (value) =>
	Array.isArray(value) ? text(value[0]) : value === null || typeof value === 'object' ? '' : String(value ?? '');

const clientOf = (key, clientId, callbackUrl) => JSON.stringify([key, clientId, callbackUrl]);

function isWebUrl(value) {
	try {
		return ['http:', 'https:'].includes(new URL(value).protocol);
	} catch {
		return false;
	}
}

const randomText = (bytes) => crypto.randomBytes(bytes).toString('base64url');

module.exports = { createProviders, PROVIDER_ROOT };
