'use strict';

/**
 * Plain HTTP against the fake's platform API with the account's secrets, as any client sees it.
 */

/** One platform call; `body` is sent as JSON. Resolves to the status, the parsed body and the next-page token. */
async function call(fake, path, { method = 'GET', body } = {}) {
	const response = await fetch(`${fake.url}${path}`, {
		method,
		headers: {
			authorization: `User ${fake.userSecret}, Organization ${fake.organizationSecret}`,
			'content-type': 'application/json',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return {
		status: response.status,
		nextPage: response.headers.get('elements-next-page-token'),
		body: text ? JSON.parse(text) : undefined,
	};
}

module.exports = { call };
