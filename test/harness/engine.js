'use strict';

/**
 * Runs workflows through n8n's own execution engine (WorkflowExecute from
 * n8n-core, Workflow from n8n-workflow) with the built package loaded by
 * n8n-core's PackageDirectoryLoader, exactly as n8n loads a community
 * package. n8n's own node test harness is not published; this is the small
 * part of it a community package needs.
 *
 * Kept in JavaScript: it needs process, fs and path, which n8n's strict lint
 * forbids in TypeScript files.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// n8n-core reads its user folder when first imported. Jest's global setup makes one for
// the whole run; otherwise (the bench) this process makes its own and removes it on exit.
if (!process.env.N8N_USER_FOLDER) {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-ce-test-'));
	process.env.N8N_USER_FOLDER = userFolder;
	process.on('exit', () => fs.rmSync(userFolder, { recursive: true, force: true }));
}

const { ExecutionLifecycleHooks, LoadOptionsContext, PackageDirectoryLoader, WorkflowExecute } = require('n8n-core');
// Not exported from n8n-core's index; its 60 s cleanup timer would keep jest alive.
const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager');
const { ICredentialsHelper, NodeHelpers, Workflow, createRunExecutionData } = require('n8n-workflow');
// The DI container n8n-core registers its services in (it may carry its own copy of @n8n/di).
const { Container } = require(require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] }));

const PACKAGE_ROOT = path.resolve(__dirname, '../..');
const INPUT_NODE_TYPE = 'test.items';

let loaded;

/** The built package (dist/), loaded once per test file as n8n loads it. */
async function loadPackage() {
	if (!loaded) {
		if (!fs.existsSync(path.join(PACKAGE_ROOT, 'dist'))) {
			throw new Error('dist/ is missing: run `npm run build` (npm test does) before the tests');
		}
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		loaded = loader;
	}
	return loaded;
}

/** The node type name n8n gives a node of this package, e.g. `n8n-nodes-cloud-elements.cloudElementsProvision`. */
async function nodeTypeName(name) {
	const loader = await loadPackage();
	return `${loader.packageName}.${name}`;
}

/** Stand-in for the node in front: emits the items given in its `items` parameter. */
class ItemsNode {
	description = {
		displayName: 'Items',
		name: INPUT_NODE_TYPE,
		group: ['input'],
		version: 1,
		description: 'Test input',
		defaults: { name: 'Items' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute() {
		const items = this.getNodeParameter('items', 0);
		return [(typeof items === 'string' ? JSON.parse(items) : items).map((json) => ({ json }))];
	}
}

/**
 * The variant n8n makes of a node with `usableAsTool` for AI Agents: the same
 * node under its name with "Tool" appended (n8n also adds its tool fields, such
 * as the description, and gives it an AI tool output; a node cannot tell those).
 */
function asTool(type) {
	return Object.assign(Object.create(type), { description: { ...type.description, name: `${type.description.name}Tool` } });
}

class NodeTypes {
	constructor(loader, extraTypes = {}) {
		this.types = { ...extraTypes };
		for (const [name, { type }] of Object.entries(loader.nodeTypes)) {
			this.types[`${loader.packageName}.${name}`] = type;
			if (type.description.usableAsTool) this.types[`${loader.packageName}.${name}Tool`] = asTool(type);
		}
	}

	getByName(name) {
		return this.types[name];
	}

	getByNameAndVersion(name, version) {
		const type = this.types[name];
		if (!type) throw new Error(`Unrecognized node type: ${name}`);
		return NodeHelpers.getVersionedNodeType(type, version);
	}

	getKnownTypes() {
		return {};
	}
}

/**
 * Hands the engine the test credentials and applies the credential type's
 * generic `authenticate` block the way n8n's CredentialsHelper does:
 * each value resolved as an expression over `$credentials`.
 */
class CredentialsHelper extends ICredentialsHelper {
	constructor(loader, credentialsByType) {
		super();
		this.loader = loader;
		this.credentialsByType = credentialsByType;
	}

	credentialType(name) {
		const entry = this.loader.credentialTypes[name];
		if (!entry) throw new Error(`Unknown credential type ${name}`);
		return entry.type;
	}

	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const { authenticate } = this.credentialType(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (!authenticate || authenticate.type !== 'generic') return requestOptions;
		const resolve = (value) =>
			typeof value === 'string' && value.startsWith('=')
				? workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '')
				: value;
		for (const [target, values] of Object.entries(authenticate.properties)) {
			requestOptions[target] ??= {};
			for (const [key, value] of Object.entries(values)) requestOptions[target][resolve(key)] = resolve(value);
		}
		return requestOptions;
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials() {
		throw new Error('not used by these tests');
	}

	async getDecrypted(_additionalData, _nodeCredentials, type) {
		const credentials = this.credentialsByType[type];
		if (!credentials) throw new Error(`No test credentials of type ${type}`);
		return { ...credentials };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type) {
		return this.credentialType(type).properties;
	}
}

/**
 * Runs `nodes` (connected as `connections` says, or in a chain, first to
 * last) in manual mode from the first node, and resolves when the engine
 * says the workflow finished.
 *
 * @returns {{ status, error, output(name): items[], run, retry(): Promise }}
 */
async function runWorkflow({ nodes, connections = chain(nodes), credentials = {}, extraNodeTypes = {} }) {
	const loader = await loadPackage();
	const nodeTypes = new NodeTypes(loader, { [INPUT_NODE_TYPE]: new ItemsNode(), ...extraNodeTypes });
	const workflowData = { id: 'test', name: 'test', nodes, connections, active: false, settings: {} };
	const workflow = new Workflow({ ...workflowData, nodeTypes });
	const start = workflow.getNode(nodes[0].name);
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: start, data: { main: [[{ json: {} }]] }, source: null }] },
	});
	return await execute({ loader, credentials, workflow, workflowData }, 'manual', '1', runExecutionData);
}

/** Connections from each node to the next: `{ [name]: [next name] }` in n8n's form. */
function chain(nodes) {
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return connections;
}

/** Runs `runExecutionData` as execution `executionId` in `mode`; the result can be retried as n8n's executions list does. */
async function execute(setup, mode, executionId, runExecutionData) {
	const { loader, credentials, workflow, workflowData } = setup;
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const finished = new Promise((resolve) => hooks.addHandler('workflowExecuteAfter', resolve));
	const additionalData = { ...additionalDataFor(loader, credentials, hooks), executionId };
	await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
	const run = await finished;

	const { runData } = run.data.resultData;
	return {
		run,
		status: run.status,
		error: run.data.resultData.error,
		output: (name) => runData[name]?.at(-1)?.data?.main?.[0] ?? [],
		retry: async () => await execute(setup, 'retry', String(Number(executionId) + 1), asRetried(run.data)),
	};
}

/**
 * The run data n8n's "Retry" of a failed execution starts from
 * (ExecutionService.retry): the failed execution's data as saved, without its
 * error and without the failed run of the node that failed, whose items are
 * still on the stack to run again.
 */
function asRetried(data) {
	const saved = JSON.parse(JSON.stringify(data));
	const { resultData } = saved;
	delete resultData.error;
	const runs = resultData.runData[resultData.lastNodeExecuted];
	if (runs?.at(-1)?.error !== undefined) runs.pop();
	return saved;
}

/** What the engine hands a node besides its data: URLs, the credentials helper, hooks. */
function additionalDataFor(loader, credentials, hooks, currentNodeParameters) {
	return {
		hooks,
		credentialsHelper: new CredentialsHelper(loader, credentials),
		executionId: '1',
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
		currentNodeParameters,
		userId: 'test-user',
	};
}

/**
 * Calls one of a node's editor look-ups (`listSearch`, `loadOptions`,
 * `resourceMapping`) the way n8n's editor back end does: a LoadOptionsContext
 * over a one-node workflow holding the node's current parameters.
 *
 * @returns what the method returned
 */
async function callNodeMethod({ type, kind, method, parameters, credentials, args = [] }) {
	const loader = await loadPackage();
	const typeName = `${loader.packageName}.${type}`;
	const nodeTypes = new NodeTypes(loader);
	const node = {
		id: 'n',
		name: 'Node',
		type: typeName,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: Object.fromEntries(Object.keys(credentials).map((name) => [name, { id: name, name }])),
	};
	const workflow = new Workflow({ id: 'test', name: 'test', nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = additionalDataFor(loader, credentials, undefined, parameters);
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	return await nodeTypes.getByName(typeName).methods[kind][method].call(context, ...args);
}

/**
 * Presses the credential's "Test" button: like n8n's credentials tester, it
 * puts the credential type's `test.request` on a temporary declarative node
 * and lets the engine's routing run it with the credentials applied.
 *
 * @returns {{ ok: boolean, message?: string, httpCode?: string }}
 */
async function testCredentials(typeName, data) {
	const loader = await loadPackage();
	const { test } = loader.credentialTypes[typeName].type;
	const testNode = {
		description: {
			displayName: 'Credential Test',
			name: 'test.credentialTest',
			group: ['input'],
			version: 1,
			description: 'Runs a credential test request',
			defaults: { name: 'Credential Test' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: typeName, required: true }],
			properties: [
				{ displayName: 'Test', name: 'test', type: 'hidden', default: '', routing: { request: test.request } },
			],
		},
	};
	const result = await runWorkflow({
		nodes: [
			{ id: 'i', name: 'Items', type: INPUT_NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: { items: '[{}]' } },
			{
				id: 't',
				name: 'Credential Test',
				type: 'test.credentialTest',
				typeVersion: 1,
				position: [200, 0],
				parameters: {},
				credentials: { [typeName]: { id: 'test', name: 'test' } },
			},
		],
		credentials: { [typeName]: data },
		extraNodeTypes: { 'test.credentialTest': testNode },
	});
	if (result.status === 'success') return { ok: true };
	return { ok: false, message: result.error.message, description: result.error.description, httpCode: result.error.httpCode };
}

/** Clears the timer n8n-core's SSH tunnel manager starts, so jest can exit. */
function shutdownEngine() {
	if (Container.has(SSHClientsManager)) clearInterval(Container.get(SSHClientsManager).cleanupTimer);
}

module.exports = {
	loadPackage,
	NodeTypes,
	additionalDataFor,
	nodeTypeName,
	runWorkflow,
	callNodeMethod,
	testCredentials,
	shutdownEngine,
	INPUT_NODE_TYPE,
	PACKAGE_ROOT,
};
