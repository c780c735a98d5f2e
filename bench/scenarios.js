'use strict';

/**
 * One parameterised scenario runner: provisions `count` customers one way
 * (this node, n8n's HTTP Request node, or the raw client) against a fake API
 * and measures wall time and this process's CPU time around the run.
 *
 * scenario: { label, kind: 'node' | 'httpRequest' | 'raw', concurrency?, batching?, keepAlive? }
 */
const { performance } = require('node:perf_hooks');

const { runWorkflow, INPUT_NODE_TYPE } = require('../test/harness/engine');
const { loadHttpRequestNode } = require('./nodes-base');
const { provisionRaw } = require('./raw');
const { customers, provisionNode, httpRequestNode, credentialsFor } = require('./workflows');

let httpRequestType;

/** Runs the workflow Items → `node` through n8n's engine; resolves to the node's output items' json. */
async function runThroughEngine(node, fake, input, extraNodeTypes = {}) {
	const items = { id: 'items', name: 'Items', type: INPUT_NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(input) } };
	const result = await runWorkflow({ nodes: [items, node], credentials: credentialsFor(fake), extraNodeTypes });
	if (result.status !== 'success') throw new Error(`${node.name} failed: ${result.error?.message}`);
	return result.output(node.name).map((item) => item.json);
}

const runners = {
	node: async ({ concurrency }, fake, input) => runThroughEngine(await provisionNode({ concurrency }), fake, input),
	// Loaded on first use only, so a process measuring this node alone does not carry n8n-nodes-base.
	httpRequest: ({ batching }, fake, input) => {
		httpRequestType ??= loadHttpRequestNode();
		return runThroughEngine(httpRequestNode({ url: fake.url, batching }), fake, input, {
			'n8n-nodes-base.httpRequest': httpRequestType,
		});
	},
	raw: ({ concurrency, keepAlive }, fake, input) => provisionRaw({ fake, customers: input, concurrency, keepAlive }),
};

async function runScenario(scenario, { fake, count }) {
	const input = customers(count);
	// Start every run from a clean heap, so one run's garbage is not collected on the next one's time.
	global.gc?.();
	const cpuBefore = process.cpuUsage();
	const start = performance.now();
	const output = await runners[scenario.kind](scenario, fake, input);
	const seconds = (performance.now() - start) / 1000;
	const cpu = process.cpuUsage(cpuBefore);

	const provisioned = output.filter((json, i) => typeof json?.token === 'string' && json.name === input[i].name).length;
	if (provisioned !== count) throw new Error(`${scenario.label}: ${provisioned} of ${count} items provisioned, in order`);
	return {
		latencyMs: fake.latencyMs,
		items: count,
		seconds,
		itemsPerSec: count / seconds,
		cpuUsPerItem: (cpu.user + cpu.system) / count,
	};
}

module.exports = { runScenario };
