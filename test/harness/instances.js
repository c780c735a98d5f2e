'use strict';

const { call } = require('./api');

/**
 * Instances that exist before the node runs (made by an earlier run, another
 * tool or a colleague), created through the fake's own API over HTTP.
 */

/** Configuration each element needs; the secrets are obvious placeholders. */
const CONFIGURATIONS = {
	pardot: {
		'apikey.user.name': 'ops@example.com',
		'apikey.user.password': 'pardot-password-value',
		'apikey.user.key': 'pardot-user-key-value',
	},
	autopilot: { 'api.key': 'autopilot-api-key-value' },
	mailchimp: { 'api.key': 'mailchimp-api-key-value' },
	hubspot: {
		'oauth.api.key': 'hubspot-client-id-value',
		'oauth.api.secret': 'hubspot-client-secret-value',
		'oauth.callback.url': 'https://example.com/callback',
		'oauth.user.token': 'hubspot-access-token-value',
		'oauth.user.refresh_token': 'hubspot-refresh-token-value',
	},
};

/** What else an element's create needs: HubSpot is OAuth 2, provisioned from its existing refresh token. */
const EXTRAS = { hubspot: { externalAuthentication: 'initial' } };

/** Creates each `{ element, name, tags, configuration }` in turn; resolves to the instances' JSON. */
async function createInstances(fake, specs) {
	const created = [];
	for (const { element = 'pardot', name, tags = [], configuration = {} } of specs) {
		const { status, body } = await call(fake, '/instances', {
			method: 'POST',
			body: {
				element: { key: element },
				configuration: { ...CONFIGURATIONS[element], ...configuration },
				tags,
				name,
				...EXTRAS[element],
			},
		});
		if (status !== 200) throw new Error(`Could not create ${name}: ${status} ${JSON.stringify(body)}`);
		created.push(body);
	}
	// Seeding is not what the tests look at.
	fake.requests.length = 0;
	return created;
}

module.exports = { createInstances, CONFIGURATIONS };
