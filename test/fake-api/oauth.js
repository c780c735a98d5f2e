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
 */
const crypto = require('node:crypto');

const { elementByKey } = require('./elements');
const { isConsentGrant } = require('./metadata');

const PROVIDER_ROOT = '/provider';

const REQUIRED_PARAMETERS = ['apiKey', 'apiSecret', 'callbackUrl'];
// Parameters /oauth/url itself consumes; any other is an element's own, passed on to the provider.
const URL_PARAMETERS = [...REQUIRED_PARAMETERS, 'scope', 'state', 'authentication.type'];
// What a code is bound to, and the configuration key that must match it.
const BINDING = { clientId: 'oauth.api.key', clientSecret: 'oauth.api.secret', callbackUrl: 'oauth.callback.url' };

/** The providers of every OAuth element, their pages served from `origin()` (the fake's own). */
function createProviders(origin) {
	const state = {
		// The client secret each authorization URL was made with, by element, client id and callback URL.
		secrets: new Map(),
		codes: new Map(),
		declineNext: false,
	};

	/** `GET|POST /elements/{keyOrId}/oauth/url`: `{ element, oauthUrl }`, with `params` from the query or the JSON body. */
	function authorizationUrl(element, params) {
		const key = element.summary.key;
		const asked = text(params['authentication.type']);
		if (!consentTypeOf(element, asked)) {
			const message = asked
				? `Authentication type ${asked} of element ${key} is not OAuth`
				: `Element ${key} is not an OAuth element`;
			return [400, { message }];
		}
		const missing = REQUIRED_PARAMETERS.filter((name) => !text(params[name]).trim());
		if (missing.length) return [400, { message: `Missing required parameters: ${missing.join(', ')}` }];
		const [apiKey, apiSecret, callbackUrl] = REQUIRED_PARAMETERS.map((name) => text(params[name]));
		if (!isWebUrl(callbackUrl)) return [400, { message: 'callbackUrl must be an absolute http(s) URL' }];

		state.secrets.set(clientOf(key, apiKey, callbackUrl), apiSecret);
		const extras = Object.entries(params).filter(([name]) => !URL_PARAMETERS.includes(name));
		const query = {
			response_type: 'code',
			client_id: apiKey,
			redirect_uri: callbackUrl,
			// "A customizable identifier, typically the element key" (Cloud Elements glossary).
			state: text(params.state) || key,
			...(text(params.scope) && { scope: text(params.scope) }),
			...Object.fromEntries(extras.map(([name, value]) => [name, text(value)])),
		};
		return [200, { element: key, oauthUrl: `${origin()}${PROVIDER_ROOT}/${key}/authorize?${new URLSearchParams(query)}` }];
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
		const problem = authorizationProblem(element, params);
		if (problem) return [400, html('Authorization failed', `<p>${escape(problem)}</p>`)];
		const decision = text(params.decision);
		if (!decision) return [200, consentPage(element, params)];
		if (decision !== 'allow' && decision !== 'deny') {
			return [400, html('Authorization failed', '<p>decision must be allow or deny</p>')];
		}
		return redirect(decide(element, params, decision));
	}

	/** Why the provider would refuse to show its consent page, if it would. */
	function authorizationProblem(element, params) {
		if (text(params.response_type) !== 'code') return 'unsupported_response_type: response_type must be code';
		const [clientId, callbackUrl] = [text(params.client_id), text(params.redirect_uri)];
		if (!state.secrets.has(clientOf(element.summary.key, clientId, callbackUrl))) {
			return `invalid_request: no app with client_id ${clientId} and redirect_uri ${callbackUrl}; make this URL with /elements/${element.summary.key}/oauth/url`;
		}
		return undefined;
	}

	/** Where the browser goes after the user's choice (or the one `declineNext()` forces). */
	function decide(element, params, decision) {
		const key = element.summary.key;
		const denied = decision === 'deny' || state.declineNext;
		state.declineNext = false;
		const callbackUrl = text(params.redirect_uri);
		const echoed = params.state === undefined ? {} : { state: text(params.state) };
		if (denied) {
			return withQuery(callbackUrl, {
				error: 'access_denied',
				error_description: 'The user denied access to the app',
				...echoed,
			});
		}
		const clientId = text(params.client_id);
		const code = crypto.randomBytes(15).toString('base64url');
		const clientSecret = state.secrets.get(clientOf(key, clientId, callbackUrl));
		state.codes.set(code, { element: key, clientId, clientSecret, callbackUrl, used: false });
		return withQuery(callbackUrl, { code, ...echoed, ...extrasOf(consentAuthentication(element, 'code')) });
	}

	/**
	 * The tokens a create or re-authentication gets for its `providerData`, checked against the
	 * configuration it brings: `{ tokens }`, or `{ problem }` as the provider's error. The code
	 * is used up only by a success, so a refused attempt can be corrected and sent again.
	 */
	function exchange(element, configuration, providerData) {
		const grant = state.codes.get(providerData.code);
		if (!grant) return { problem: 'invalid_grant: providerData.code is not an authorization code the provider issued' };
		if (grant.used) return { problem: 'invalid_grant: providerData.code has already been used' };
		if (grant.element !== element.summary.key) {
			return { problem: `invalid_grant: providerData.code was issued for another element (${grant.element})` };
		}
		const differing = Object.entries(BINDING)
			.filter(([field, key]) => configuration[key] !== grant[field])
			.map(([, key]) => key);
		// Names the keys only: the secret itself never goes into a message.
		if (differing.length) return { problem: `invalid_grant: providerData.code was issued with another ${differing.join(', ')}` };
		grant.used = true;
		return { tokens: { 'oauth.user.token': token(), 'oauth.user.refresh_token': token() } };
	}

	/** Forgets the authorization URLs and codes issued so far. */
	function reset() {
		state.secrets.clear();
		state.codes.clear();
		state.declineNext = false;
	}

	return {
		authorizationUrl,
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

function consentPage(element, params) {
	const name = escape(element.summary.name);
	const fields = Object.entries(params)
		.filter(([field]) => field !== 'decision')
		.map(([field, value]) => `<input type="hidden" name="${escape(field)}" value="${escape(text(value))}">`);
	const scope = text(params.scope) ? ` (scope: ${escape(text(params.scope))})` : '';
	return html(
		`Authorize access to ${name}`,
		[
			`<h1>${name}</h1>`,
			`<p>The app <strong>${escape(text(params.client_id))}</strong> asks for access to your ${name} account${scope}.</p>`,
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

const token = () => crypto.randomBytes(24).toString('base64url');

module.exports = { createProviders, PROVIDER_ROOT };
