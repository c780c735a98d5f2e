'use strict';

/**
 * One parameterised scenario runner: provisions `count` customers one way
 * (this node, n8n's HTTP Request node, or the raw client) against a fake API
 * and measures wall time and this process's CPU time around the run.
 *
 * scenario: { label, kind: 'node' | 'httpRequest' | 'httpRequestFields' (its body from fields) | 'raw', concurrency?, keyed? (an Idempotency Key per item), batching?, keepAlive?,
 *   settings? (the node's On Error / Retry On Fail settings), allowFailures? (count failed items, do not throw) }
 */
const assert = require('node:assert');
const { performance } = require('node:perf_hooks');

const { startFakeCloudElements } = require('../test/fake-api/server');
const { runWorkflow, INPUT_NODE_TYPE } = require('../test/harness/engine');
const { loadHttpRequestNode } = require('./nodes-base');
const { provisionRaw } = require('./raw');
const { customers, instanceBody, provisionNode, httpRequestNode, httpRequestFieldsNode, credentialsFor } = require('./workflows');

let httpRequestType;

/**
 * Runs the workflow Items → `node` through n8n's engine; resolves to the node's output items' json
 * (none when the node failed and `allowFailures` is set).
 */
async function runThroughEngine(node, fake, input, { extraNodeTypes = {}, allowFailures = false } = {}) {
	const items = { id: 'items', name: 'Items', type: INPUT_NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(input) } };
	const result = await runWorkflow({ nodes: [items, node], credentials: credentialsFor(fake), extraNodeTypes });
	if (result.status !== 'success' && !allowFailures) throw new Error(`${node.name} failed: ${result.error?.message}`);
	return result.output(node.name).map((item) => item.json);
}

/** Items → HTTP Request node built by `makeNode` (its JSON body, or its body fields). */
function httpRequestRunner(makeNode) {
	return ({ batching, settings, allowFailures }, fake, input) => {
		// Loaded on first use only, so a process measuring this node alone does not carry n8n-nodes-base.
		httpRequestType ??= loadHttpRequestNode();
		return runThroughEngine({ ...makeNode({ url: fake.url, batching }), ...settings }, fake, input, {
			extraNodeTypes: { 'n8n-nodes-base.httpRequest': httpRequestType },
			allowFailures,
		});
	};
}

const runners = {
	node: async ({ concurrency, keyed, settings, allowFailures }, fake, input) =>
		runThroughEngine({ ...(await provisionNode({ concurrency, keyed })), ...settings }, fake, input, { allowFailures }),
	httpRequest: httpRequestRunner(httpRequestNode),
	httpRequestFields: httpRequestRunner(httpRequestFieldsNode),
	raw: ({ concurrency, keepAlive }, fake, input) => provisionRaw({ fake, customers: input, concurrency, keepAlive }),
};

/** `around(run)`, if given, wraps the run alone: after the forced GC, so a profiler it starts does not see that. */
async function runScenario(scenario, { fake, count, around = (run) => run() }) {
	const input = customers(count);
	// Start every run from a clean heap, so one run's garbage is not collected on the next one's time.
	global.gc?.();
	const cpuBefore = process.cpuUsage();
	const startedAt = Date.now();
	const start = performance.now();
	const output = await around(() => runners[scenario.kind](scenario, fake, input));
	const seconds = (performance.now() - start) / 1000;
	const cpu = process.cpuUsage(cpuBefore);

	const provisioned = output.filter((json, i) => typeof json?.token === 'string' && json.name === input[i]?.name).length;
	if (provisioned !== count && !scenario.allowFailures) throw new Error(`${scenario.label}: ${provisioned} of ${count} items provisioned, in order`);
	return {
		latencyMs: fake.latencyMs,
		items: count,
		startedAt,
		seconds,
		itemsPerSec: count / seconds,
		// Successful items only: what the run got done.
		goodput: provisioned / seconds,
		failedItems: count - provisioned,
		cpuUsPerItem: (cpu.user + cpu.system) / count,
	};
}

/**
 * Both HTTP Request variants must send exactly instanceBody(), or their CPU
 * ratios would compare different requests: two customers each through a
 * recording fake in this process (not timed), their bodies compared as sent.
 */
async function checkHttpRequestBodies() {
	const fake = await startFakeCloudElements({ port: 0 });
	try {
		for (const kind of ['httpRequest', 'httpRequestFields']) {
			fake.reset();
			const input = customers(2);
			await runners[kind]({}, fake, input);
			const sent = fake.requests.filter((request) => request.method === 'POST' && request.path === '/instances').map((request) => request.rawBody);
			assert.deepStrictEqual(sent, input.map((customer) => JSON.stringify(instanceBody(customer))), `${kind} sends instanceBody()`);
		}
	} finally {
		await fake.stop();
	}
}

module.exports = { runScenario, checkHttpRequestBodies };
