'use strict';

/**
 * Plain HTTP against the fake, as any client sees it: the platform API with the
 * account's secrets, and the provider's consent page as a browser would meet it.
 */

/**
 * One platform call; `body` is sent as JSON, `authorization` replaces the account's header (an element
 * API call's). Resolves to the status, the parsed body, the next-page token and all headers.
 */
async function call(fake, path, { method = 'GET', body, authorization } = {}) {
	const response = await fetch(`${fake.url}${path}`, {
		method,
		headers: {
			authorization: authorization ?? `User ${fake.userSecret}, Organization ${fake.organizationSecret}`,
			'content-type': 'application/json',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return {
		status: response.status,
		nextPage: response.headers.get('elements-next-page-token'),
		headers: response.headers,
		body: text ? JSON.parse(text) : undefined,
	};
}

/**
 * Opens an authorization URL with the user's `decision` already taken (the
 * fake's `decision=allow|deny`) and resolves to where the provider sends the
 * browser back: the redirect's URL and its query, or the page it answered instead.
 */
async function consent(oauthUrl, decision = 'allow') {
	const url = new URL(oauthUrl);
	url.searchParams.set('decision', decision);
	const response = await fetch(url, { redirect: 'manual' });
	const location = response.headers.get('location');
	if (!location) return { status: response.status, page: await response.text() };
	return { status: response.status, location, params: Object.fromEntries(new URL(location).searchParams) };
}

/** An OAuth app registered at the fake's providers, as the oauth/url request names it. */
const OAUTH_APP = { apiKey: 'client-id', apiSecret: 'client-secret-value', callbackUrl: 'https://app.example.com/oauth/callback' };
/** The same app as an instance's configuration entries. */
const OAUTH_APP_CONFIGURATION = {
	'oauth.api.key': OAUTH_APP.apiKey,
	'oauth.api.secret': OAUTH_APP.apiSecret,
	'oauth.callback.url': OAUTH_APP.callbackUrl,
};

/** The customer's Allow at the fake provider for `params` (the app, and any extras): the callback's query. */
async function authorize(fake, elementKey, params = OAUTH_APP) {
	const { body } = await call(fake, `/elements/${elementKey}/oauth/url?${new URLSearchParams(params)}`);
	return (await consent(body.oauthUrl)).params;
}

module.exports = { call, consent, authorize, OAUTH_APP, OAUTH_APP_CONFIGURATION };
