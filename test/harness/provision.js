'use strict';

/**
 * Builds and runs the workflows the tests need: an items node feeding
 * Cloud Elements Provision, with credentials pointing at the fake API.
 */
const { nodeTypeName, runWorkflow } = require('./engine');

const NODE_NAME = 'Cloud Elements Provision';

/** Credentials for the fake, through the Custom environment as a user would set them. */
function fakeCredentials(fake, overrides = {}) {
	return {
		userSecret: fake.userSecret,
		organizationSecret: fake.organizationSecret,
		environment: 'custom',
		baseUrl: fake.url,
		...overrides,
	};
}

/**
 * Runs `items` through the node with `parameters`.
 *
 * @param {object} options
 * @param {object} options.fake the fake Cloud Elements API
 * @param {object[]} [options.items] input items (json)
 * @param {object} options.parameters the node's parameters
 * @param {string} [options.onError] the node's On Error setting, e.g. 'continueRegularOutput'
 * @param {object} [options.settings] more of the node's settings, e.g. `{ retryOnFail: true, maxTries: 3 }`
 * @param {object} [options.credentials] overrides of the credential data
 * @param {boolean} [options.asTool] run the node's AI Agent tool variant (`cloudElementsProvisionTool`)
 * @param {number} [options.typeVersion] the node's version: 2, or 1 as workflows saved before it have
 * @returns the run, with `items` (the node's output) and `requests` (what the fake received); its
 *   `retry()` runs the execution again as n8n's executions list does, resolving to the same shape
 */
async function runProvision({ fake, items = [{}], parameters, onError, settings, credentials, asTool = false, typeVersion = 2 }) {
	const node = {
		id: 'ce',
		name: NODE_NAME,
		type: await nodeTypeName(asTool ? 'cloudElementsProvisionTool' : 'cloudElementsProvision'),
		typeVersion,
		position: [200, 0],
		parameters,
		credentials: { cloudElementsApi: { id: 'ce-credentials', name: 'Cloud Elements account' } },
		...(onError && { onError }),
		...settings,
	};
	return await observed(fake, async () => await runWorkflow({
		nodes: [
			{ id: 'items', name: 'Items', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(items) } },
			node,
		],
		credentials: { cloudElementsApi: fakeCredentials(fake, credentials) },
	}));
}

/** The run `execute` resolves to, with the node's output items and the requests the fake received meanwhile. */
async function observed(fake, execute) {
	const before = fake.requests.length;
	const result = await execute();
	return {
		...result,
		items: result.output(NODE_NAME),
		requests: fake.requests.slice(before),
		retry: async () => await observed(fake, result.retry),
	};
}

module.exports = { runProvision, fakeCredentials, NODE_NAME };
