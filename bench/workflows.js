'use strict';

/**
 * The input items and the two nodes a user could put behind them: this
 * package's node, or n8n's HTTP Request node doing the same call. Both read
 * each customer from its item through expressions, so both pay for n8n's
 * per-item parameter resolution.
 */
const { nodeTypeName } = require('../test/harness/engine');
const { fakeCredentials } = require('../test/harness/provision');

const ELEMENT_KEY = 'autopilot';

/** One onboarding customer per item. */
function customers(count) {
	return Array.from({ length: count }, (_, i) => ({
		name: `customer-${i}`,
		apiKey: `autopilot-key-${i}`,
		tags: [`customer-${i}`, 'bench'],
	}));
}

/** The `POST /instances` body the node builds for a customer (the raw client and HTTP Request node send the same). */
function instanceBody({ name, apiKey, tags }) {
	return { element: { key: ELEMENT_KEY }, configuration: { 'api.key': apiKey }, tags, name };
}

function authorization({ userSecret, organizationSecret }) {
	return `User ${userSecret}, Organization ${organizationSecret}`;
}

/** With `keyed`, each customer's name is its Idempotency Key. */
async function provisionNode({ concurrency, keyed = false }) {
	return {
		id: 'ce',
		name: 'Cloud Elements Provision',
		type: await nodeTypeName('cloudElementsProvision'),
		typeVersion: 1,
		position: [200, 0],
		parameters: {
			operation: 'provisionAutopilot',
			instanceName: '={{ $json.name }}',
			autopilotApiKey: '={{ $json.apiKey }}',
			tags: '={{ $json.tags }}',
			...(keyed && { idempotencyKey: '={{ $json.name }}' }),
			options: { concurrency },
		},
		credentials: { cloudElementsApi: { id: 'ce', name: 'Cloud Elements account' } },
	};
}

/**
 * HTTP Request node 4.4 (what "add node" gives in n8n 2.8) as the n8n docs
 * suggest for an API without a node: a Header Auth credential holding the
 * Authorization header, and a JSON body built from the item by expression.
 * `batching` is its Options > Batching ({ batchSize, batchInterval }).
 */
function httpRequestNode({ url, batching }) {
	return {
		id: 'http',
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.4,
		position: [200, 0],
		parameters: {
			method: 'POST',
			url: `${url}/instances`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ element: { key: '${ELEMENT_KEY}' }, configuration: { 'api.key': $json.apiKey }, tags: $json.tags, name: $json.name }) }}`,
			options: batching ? { batching: { batch: batching } } : {},
		},
		credentials: { httpHeaderAuth: { id: 'ce-header', name: 'Cloud Elements header' } },
	};
}

/**
 * The same request with Send Body > JSON > "Using Fields Below": one body field
 * per name/value pair, set into the body by lodash `set` (so a dotted name
 * nests, and `configuration['api.key']` keeps its dot), three of them read
 * from the item by expression as the node's three parameters are. Fields in
 * instanceBody()'s order, so the JSON sent is the same text.
 */
function httpRequestFieldsNode({ url, batching }) {
	const node = httpRequestNode({ url, batching });
	const { jsonBody, ...parameters } = node.parameters;
	const bodyParameters = {
		parameters: [
			{ name: 'element.key', value: ELEMENT_KEY },
			{ name: "configuration['api.key']", value: '={{ $json.apiKey }}' },
			{ name: 'tags', value: '={{ $json.tags }}' },
			{ name: 'name', value: '={{ $json.name }}' },
		],
	};
	return { ...node, parameters: { ...parameters, specifyBody: 'keypair', bodyParameters } };
}

/** Credentials by type, as the harness hands them to the engine. */
function credentialsFor(fake) {
	return {
		cloudElementsApi: fakeCredentials(fake),
		httpHeaderAuth: { name: 'Authorization', value: authorization(fake) },
	};
}

module.exports = { customers, instanceBody, authorization, provisionNode, httpRequestNode, httpRequestFieldsNode, credentialsFor };
