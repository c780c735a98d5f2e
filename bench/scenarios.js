'use strict';

/**
 * One parameterised scenario runner: provisions `count` customers one way
 * (this node, n8n's HTTP Request node, or the raw client) against a fake API
 * and measures wall time and this process's CPU time around the run.
 *
 * scenario: { label, kind: 'node' | 'httpRequest' | 'raw', concurrency?, keyed? (an Idempotency Key per item), batching?, keepAlive?,
 *   settings? (the node's On Error / Retry On Fail settings), allowFailures? (count failed items, do not throw) }
 */
const { performance } = require('node:perf_hooks');

const { runWorkflow, INPUT_NODE_TYPE } = require('../test/harness/engine');
const { loadHttpRequestNode } = require('./nodes-base');
const { provisionRaw } = require('./raw');
const { customers, provisionNode, httpRequestNode, credentialsFor } = require('./workflows');

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

const runners = {
	node: async ({ concurrency, keyed, settings, allowFailures }, fake, input) =>
		runThroughEngine({ ...(await provisionNode({ concurrency, keyed })), ...settings }, fake, input, { allowFailures }),
	// Loaded on first use only, so a process measuring this node alone does not carry n8n-nodes-base.
	httpRequest: ({ batching, settings, allowFailures }, fake, input) => {
		httpRequestType ??= loadHttpRequestNode();
		return runThroughEngine({ ...httpRequestNode({ url: fake.url, batching }), ...settings }, fake, input, {
			extraNodeTypes: { 'n8n-nodes-base.httpRequest': httpRequestType },
			allowFailures,
		});
	},
	raw: ({ concurrency, keepAlive }, fake, input) => provisionRaw({ fake, customers: input, concurrency, keepAlive }),
};

async function runScenario(scenario, { fake, count }) {
	const input = customers(count);
	// Start every run from a clean heap, so one run's garbage is not collected on the next one's time.
	global.gc?.();
	const cpuBefore = process.cpuUsage();
	const startedAt = Date.now();
	const start = performance.now();
	const output = await runners[scenario.kind](scenario, fake, input);
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

module.exports = { runScenario };
