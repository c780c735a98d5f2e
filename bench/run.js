'use strict';

/**
 * `npm run bench`: this node against n8n's HTTP Request node and a raw HTTP
 * client, all in this one run on this machine, plus the package's footprint.
 *
 *   npm run bench [-- --items 1000 --rss-items 10000 --latency 50]
 *   (or BENCH_ITEMS / BENCH_RSS_ITEMS / BENCH_LATENCY_MS)
 *
 * Everything talks to a fake API on 127.0.0.1 only.
 */
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { parseArgs } = require('node:util');

const { shutdownEngine } = require('../test/harness/engine');
const { startFakeProcess } = require('./fake');
const { requireTime, tarball } = require('./footprint');
const { describeMachine } = require('./machine');
const { ensureInstalled, nodesBaseWorkflowVersion } = require('./nodes-base');
const { evaluateTargets, renderTables, writeResults } = require('./report');
const { measurePeakRss } = require('./rss');
const { runScenario } = require('./scenarios');
const { median } = require('./stats');

/** The node's own default for options.concurrency. */
const NODE_DEFAULT_CONCURRENCY = 4;
const REQUIRE_RUNS = 7;
const WARMUP_ITEMS = 200;

/** Every way of provisioning compared, each at the injected latency and at 0 ms unless `at0ms` / `atLatency` is false. */
const SCENARIOS = [
	{ id: 'node-1', label: 'This node, concurrency 1', kind: 'node', concurrency: 1, inFlight: '1' },
	{ id: 'node-default', label: `This node, default (concurrency ${NODE_DEFAULT_CONCURRENCY})`, kind: 'node', concurrency: NODE_DEFAULT_CONCURRENCY, inFlight: `${NODE_DEFAULT_CONCURRENCY}` },
	{ id: 'http-defaults', label: 'HTTP Request node, defaults', kind: 'httpRequest', inFlight: 'all items' },
	// Interval 0 switches its batching off (V3 only sleeps when the interval is > 0): shown because it looks like a limit.
	{ id: 'http-batch-4-0', label: 'HTTP Request node, batching 4 items / 0 ms', kind: 'httpRequest', batching: { batchSize: 4, batchInterval: 0 }, inFlight: 'all items' },
	// What "Add option > Batching" gives: 50 items, then 1 s pause. Sleep-bound, so only at the slow latency.
	{ id: 'http-batch-50-1000', label: 'HTTP Request node, batching at its defaults (50 items / 1000 ms)', kind: 'httpRequest', batching: { batchSize: 50, batchInterval: 1000 }, inFlight: '≤ 50', at0ms: false },
	{ id: 'raw-1', label: 'Raw axios client, keep-alive', kind: 'raw', concurrency: 1, inFlight: '1' },
	{ id: 'raw-default', label: 'Raw axios client, keep-alive', kind: 'raw', concurrency: NODE_DEFAULT_CONCURRENCY, inFlight: `${NODE_DEFAULT_CONCURRENCY}` },
	{ id: 'raw-no-keepalive', label: 'Raw axios client, no keep-alive (as n8n connects)', kind: 'raw', concurrency: NODE_DEFAULT_CONCURRENCY, keepAlive: false, inFlight: `${NODE_DEFAULT_CONCURRENCY}`, atLatency: false },
];

function readOptions() {
	const { values } = parseArgs({
		options: {
			items: { type: 'string', default: process.env.BENCH_ITEMS ?? '1000' },
			'rss-items': { type: 'string', default: process.env.BENCH_RSS_ITEMS ?? '10000' },
			latency: { type: 'string', default: process.env.BENCH_LATENCY_MS ?? '50' },
			rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '3' },
		},
	});
	const options = {
		items: Number(values.items),
		rssItems: Number(values['rss-items']),
		latencyMs: Number(values.latency),
		rounds: Number(values.rounds),
	};
	for (const [name, value] of Object.entries(options)) {
		if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number`);
	}
	return options;
}

const log = (message) => process.stderr.write(`${message}\n`);

/**
 * Runs every scenario meant for this latency against one fake, `rounds` times
 * interleaved (so a noisy neighbour hits all scenarios alike), and keeps each
 * figure's median in `row.runs[latencyMs]`.
 */
async function runAtLatency(rows, latencyMs, { count, rounds, warmUp }) {
	const fake = await startFakeProcess(latencyMs);
	const selected = rows.filter((row) => (latencyMs === 0 ? row.at0ms : row.atLatency) !== false);
	const measured = new Map(selected.map((row) => [row, []]));
	try {
		// JIT and lazy loading would otherwise be billed to whichever scenario runs first.
		if (warmUp) for (const row of firstOfEachKind(rows)) await runScenario(row, { fake, count: Math.min(WARMUP_ITEMS, count) });
		for (let round = 1; round <= rounds; round++) {
			for (const row of selected) {
				log(`  ${latencyMs} ms, round ${round}/${rounds}: ${row.label} (${row.inFlight} in flight)…`);
				const run = await runScenario(row, { fake, count });
				log(`    ${run.itemsPerSec.toFixed(1)} items/s, ${run.cpuUsPerItem.toFixed(0)} µs CPU/item`);
				measured.get(row).push(run);
			}
		}
	} finally {
		await fake.stop();
	}
	for (const [row, runs] of measured) row.runs[latencyMs] = medianRun(runs);
}

function medianRun(runs) {
	const of = (key) => median(runs.map((run) => run[key]));
	return { ...runs[0], seconds: of('seconds'), itemsPerSec: of('itemsPerSec'), cpuUsPerItem: of('cpuUsPerItem'), rounds: runs.length };
}

const firstOfEachKind = (rows) => rows.filter((row, i) => rows.findIndex((other) => other.kind === row.kind) === i);

function ratios(rows, latencyMs) {
	const byId = Object.fromEntries(rows.map((row) => [row.id, row.runs]));
	const speed = (id, ms) => byId[id][ms].itemsPerSec;
	return {
		nodeVsRaw: speed('node-default', latencyMs) / speed('raw-default', latencyMs),
		nodeVsHttpRequest: speed('node-default', latencyMs) / speed('http-defaults', latencyMs),
		cpuVsRaw: byId['node-default'][0].cpuUsPerItem / byId['raw-default'][0].cpuUsPerItem,
		// Details: the same at 0 ms, where only overhead separates them.
		nodeVsRawAt0ms: speed('node-default', 0) / speed('raw-default', 0),
		nodeVsHttpRequestAt0ms: speed('node-default', 0) / speed('http-defaults', 0),
		nodeVsHttpRequestBatching: speed('node-default', latencyMs) / speed('http-batch-50-1000', latencyMs),
		nodeConcurrencySpeedup: speed('node-default', latencyMs) / speed('node-1', latencyMs),
	};
}

async function main() {
	const started = performance.now();
	const { items, rssItems, latencyMs, rounds } = readOptions();
	ensureInstalled(log);
	const machine = describeMachine();
	// Two copies of n8n-workflow meet in one engine: the engine's and the HTTP Request node's own.
	if (nodesBaseWorkflowVersion() !== machine.n8nWorkflow) {
		log(`Note: the HTTP Request node brings n8n-workflow ${nodesBaseWorkflowVersion()}, the engine runs ${machine.n8nWorkflow}`);
	}
	const rows = SCENARIOS.map((scenario) => ({ ...scenario, runs: {} }));

	log(`Provisioning ${items} items per scenario…`);
	// 0 ms runs are short and CPU-bound, so noise shows most there: several rounds. The slow ones are latency-bound.
	await runAtLatency(rows, 0, { count: items, rounds, warmUp: true });
	await runAtLatency(rows, latencyMs, { count: items, rounds: 1, warmUp: false });
	shutdownEngine();

	log(`Peak RSS of ${rssItems} items through the node (child process)…`);
	const rss = await measurePeakRss({ count: rssItems, concurrency: NODE_DEFAULT_CONCURRENCY });
	log('Cold require and tarball…');
	const pack = tarball();
	const results = {
		items,
		latenciesMs: [latencyMs, 0],
		roundsAt0ms: rounds,
		machine,
		ratios: ratios(rows, latencyMs),
		peakRssMb10k: rss.peakRssMb,
		rss,
		requireMs: requireTime({ runs: REQUIRE_RUNS }),
		requireWithWorkflowMs: requireTime({ runs: REQUIRE_RUNS, withWorkflow: true }),
		requireRuns: REQUIRE_RUNS,
		tarballKb: pack.kb,
		tarball: pack,
		scenarios: rows,
	};
	results.targets = evaluateTargets(results);
	results.benchSeconds = (performance.now() - started) / 1000;

	writeResults(results, __dirname);
	console.log(renderTables(results));
	log(`\nWrote ${path.relative(process.cwd(), path.join(__dirname, 'RESULTS.md'))} and results.json`);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
