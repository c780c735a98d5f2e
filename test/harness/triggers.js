'use strict';

/**
 * Drives one of the package's trigger nodes through n8n-core's own contexts,
 * as n8n's active-workflow manager and webhook server do: HookContext for the
 * webhook lifecycle (checkExists, create, delete), WebhookContext for each
 * delivery, PollContext for each poll. The workflow, and so its static data,
 * lives across calls as an active workflow's does.
 */
const http = require('node:http');

const { HookContext, PollContext, WebhookContext } = require('n8n-core');
const { Workflow } = require('n8n-workflow');

const { NodeTypes, additionalDataFor, loadPackage } = require('./engine');
// The logger n8n-core hands nodes as `this.logger` (it may carry its own copy of the package).
const { Logger } = require(require.resolve('@n8n/backend-common', { paths: [require.resolve('n8n-core')] }));

const NODE_NAME = 'Trigger';

async function triggerWorkflow({ type, parameters, credentials }) {
	const loader = await loadPackage();
	const typeName = `${loader.packageName}.${type}`;
	const nodeTypes = new NodeTypes(loader);
	const nodeType = nodeTypes.getByName(typeName);
	const node = {
		id: 'trigger',
		name: NODE_NAME,
		type: typeName,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		webhookId: 'f2b7c1de-5a3b-4c8e-9d0f-1a2b3c4d5e6f',
		credentials: Object.fromEntries(Object.keys(credentials).map((name) => [name, { id: name, name }])),
	};
	const workflow = new Workflow({ id: 'wf1', name: 'test', nodes: [node], connections: {}, active: true, nodeTypes, staticData: {} });
	const receiver = await startReceiver(deliver);
	const additionalData = (extra = {}) => ({
		...additionalDataFor(loader, credentials),
		webhookBaseUrl: `${receiver.url}/webhook`,
		webhookTestBaseUrl: `${receiver.url}/webhook-test`,
		...extra,
	});
	/** What each delivery that started the workflow handed it. */
	const started = [];

	/** One delivery, as n8n's webhook server runs the trigger's `webhook()` for it. */
	async function deliver(request, response) {
		const webhookData = { httpMethod: 'POST', node: NODE_NAME, path: 'webhook', webhookDescription: nodeType.description.webhooks[0], workflowId: 'wf1' };
		const context = new WebhookContext(workflow, node, additionalData({ httpRequest: request, httpResponse: response }), 'webhook', webhookData);
		const result = await nodeType.webhook.call(context);
		if (result.noWebhookResponse) return;
		if (result.workflowData) started.push(result.workflowData);
		// responseMode `onReceived`: n8n answers 200 at once, whether a workflow started or not.
		response.status(200).send(result.workflowData ? { message: 'Workflow was started' } : '');
	}

	return {
		node,
		workflow,
		started,
		/** The trigger's static data, as n8n keeps it with the workflow. */
		get staticData() {
			return workflow.getStaticData('node', node);
		},
		/** The production webhook URL, where n8n would receive deliveries. */
		webhookUrl: `${receiver.url}/webhook/${node.webhookId}/webhook`,
		/** Calls `webhookMethods.default[method]` as activation (or, with `isTest`, the editor's listening) does. */
		async hook(method, { mode = 'trigger', isTest = false } = {}) {
			const webhookData = { isTest, node: NODE_NAME, workflowId: 'wf1', webhookDescription: nodeType.description.webhooks[0] };
			const context = new HookContext(workflow, node, additionalData(), mode, 'activate', webhookData);
			return await nodeType.webhookMethods.default[method].call(context);
		},
		/** Activation as n8n does it: create unless checkExists says the subscription is there. */
		async activate(options) {
			if (!(await this.hook('checkExists', options))) await this.hook('create', options);
		},
		/** One poll; `mode` 'manual' is the editor's test run. */
		async poll(mode = 'trigger') {
			const context = new PollContext(workflow, node, additionalData(), mode, 'activate');
			return await nodeType.poll.call(context);
		},
		async close() {
			await receiver.close();
		},
	};
}

/**
 * An HTTP server standing in for n8n's webhook endpoint: it hands `handle`
 * the request with its raw body and an Express-like response, as n8n's
 * webhook server hands a webhook context.
 */
async function startReceiver(handle) {
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			// As n8n's request before anything read its body: `readRawBody()` fills `rawBody`.
			const request = Object.assign(req, {
				body: {},
				readRawBody: async () => {
					request.rawBody = Buffer.concat(chunks);
				},
			});
			const response = expressLike(res);
			handle(request, response).catch((error) => {
				if (!res.headersSent) response.status(500).send({ message: error.message });
			});
		});
	});
	const sockets = new Set();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		close: () => {
			for (const socket of sockets) socket.destroy();
			return new Promise((resolve) => server.close(resolve));
		},
	};
}

function expressLike(res) {
	const response = {
		status(code) {
			res.statusCode = code;
			return response;
		},
		send(body) {
			if (!res.writableEnded) res.end(typeof body === 'string' ? body : JSON.stringify(body));
			return response;
		},
		end() {
			if (!res.writableEnded) res.end();
			return response;
		},
	};
	return response;
}

/**
 * Keeps what nodes log through n8n's logger during each test (`handle.lines`,
 * level and message, metadata included) instead of printing it.
 */
function useLogCapture() {
	const handle = { lines: [] };
	beforeEach(() => {
		handle.lines = [];
		for (const level of ['error', 'warn', 'info', 'debug']) {
			jest.spyOn(Logger.prototype, level).mockImplementation((message, metadata = {}) => {
				handle.lines.push(`${level}: ${message} ${JSON.stringify(metadata)}`);
			});
		}
	});
	afterEach(() => jest.restoreAllMocks());
	return handle;
}

module.exports = { triggerWorkflow, useLogCapture };
