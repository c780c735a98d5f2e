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

const fs = require('node:fs');

const { shutdownEngine } = require('../test/harness/engine');
const { runCapacity } = require('./capacity');
const { startFakeProcess } = require('./fake');
const { requireTime, tarball } = require('./footprint');
const { describeMachine } = require('./machine');
const { ensureInstalled, nodesBaseWorkflowVersion } = require('./nodes-base');
const { evaluateTargets, renderTables, writeResults } = require('./report');
const { plotAuto } = require('./plot');
const { PARTS, SAMPLING_US, profileShares } = require('./profile');
const { runPaging } = require('./paging');
const { measurePeakRss } = require('./rss');
const { checkHttpRequestBodies, runScenario } = require('./scenarios');
const { AUTO_START } = require('../dist/nodes/CloudElements/actions/runItems');
const { median } = require('./stats');

/** Concurrency 0: Auto, the node's default. */
const AUTO = 0;
/** Where Auto starts, and the fixed setting compared with the raw client at equal concurrency. */
const FIXED_CONCURRENCY = 4;
/** The rows whose CPU per item is compared, profiled to show which part of it is whose. */
const PROFILED = ['node-auto', 'http-defaults', 'http-fields'];
const PLOT_FILE = 'auto-concurrency.svg';
const REQUIRE_RUNS = 7;
const WARMUP_ITEMS = 200;

/** Every way of provisioning compared, each at the injected latency and at 0 ms unless `at0ms` / `atLatency` is false. */
const SCENARIOS = [
	{ id: 'node-1', label: 'This node, concurrency 1', kind: 'node', concurrency: 1, inFlight: '1' },
	{ id: 'node-4', label: `This node, concurrency ${FIXED_CONCURRENCY}`, kind: 'node', concurrency: FIXED_CONCURRENCY, inFlight: `${FIXED_CONCURRENCY}` },
	{ id: 'node-auto', label: 'This node, default (Concurrency Auto)', kind: 'node', concurrency: AUTO, inFlight: 'Auto, ≤ 50' },
	{ id: 'http-defaults', label: 'HTTP Request node, defaults', kind: 'httpRequest', inFlight: 'all items' },
	// The same body from three fields (Send Body > Using Fields Below): three expressions per item, as the node reads.
	{ id: 'http-fields', label: 'HTTP Request node, defaults, body from three fields', kind: 'httpRequestFields', inFlight: 'all items' },
	// Interval 0 switches its batching off (V3 only sleeps when the interval is > 0): shown because it looks like a limit.
	{ id: 'http-batch-4-0', label: 'HTTP Request node, batching 4 items / 0 ms', kind: 'httpRequest', batching: { batchSize: 4, batchInterval: 0 }, inFlight: 'all items' },
	// What "Add option > Batching" gives: 50 items, then 1 s pause. Sleep-bound, so only at the slow latency.
	{ id: 'http-batch-50-1000', label: 'HTTP Request node, batching at its defaults (50 items / 1000 ms)', kind: 'httpRequest', batching: { batchSize: 50, batchInterval: 1000 }, inFlight: '≤ 50', at0ms: false },
	{ id: 'raw-1', label: 'Raw axios client, keep-alive', kind: 'raw', concurrency: 1, inFlight: '1' },
	{ id: 'raw-default', label: 'Raw axios client, keep-alive', kind: 'raw', concurrency: FIXED_CONCURRENCY, inFlight: `${FIXED_CONCURRENCY}` },
	{ id: 'raw-no-keepalive', label: 'Raw axios client, no keep-alive (as n8n connects)', kind: 'raw', concurrency: FIXED_CONCURRENCY, keepAlive: false, inFlight: `${FIXED_CONCURRENCY}`, atLatency: false },
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

function ratios(rows, latencyMs, capacity, rss) {
	const byId = Object.fromEntries(rows.map((row) => [row.id, row.runs]));
	const speed = (id, ms) => byId[id][ms].itemsPerSec;
	const cpu = (id) => byId[id][0].cpuUsPerItem;
	return {
		nodeVsRaw: speed('node-4', latencyMs) / speed('raw-default', latencyMs),
		autoVsOracle: capacity.scenarios.auto.goodput / capacity.scenarios.oracle.goodput,
		autoKeyedVsOracle: capacity.scenarios.autoKeyed.goodput / capacity.scenarios.oracle.goodput,
		cpuVsHttpRequest: cpu('node-auto') / cpu('http-defaults'),
		cpuVsHttpRequestFields: cpu('node-auto') / cpu('http-fields'),
		// Details.
		autoVsFixed4: capacity.scenarios.auto.goodput / capacity.scenarios.fixed4.goodput,
		autoVsHttpRequestRetryBatching: capacity.scenarios.auto.goodput / capacity.scenarios.httpRequestRetryBatching.goodput,
		cpuVsRaw: cpu('node-auto') / cpu('raw-default'),
		nodeVsRawAt0ms: speed('node-4', 0) / speed('raw-default', 0),
		autoVsHttpRequestAt0ms: speed('node-auto', 0) / speed('http-defaults', 0),
		nodeConcurrencySpeedup: speed('node-4', latencyMs) / speed('node-1', latencyMs),
	};
}

/** Per capacity scenario: `pick(figures)`. */
const perScenario = (capacity, pick) => Object.fromEntries(Object.entries(capacity.scenarios).map(([id, run]) => [id, pick(run)]));

/** Draws Auto's run into bench/auto-concurrency.svg. */
function writePlot(capacity) {
	const { auto, oracle } = capacity.scenarios;
	const svg = plotAuto({
		trace: auto.limitTrace,
		servedAt: auto.servedAt,
		startedAt: auto.startedAt,
		seconds: auto.seconds,
		initial: AUTO_START,
		capacity: capacity.capacity,
		oracleGoodput: oracle.goodput,
	});
	fs.writeFileSync(path.join(__dirname, PLOT_FILE), svg);
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

	await checkHttpRequestBodies();
	log(`Provisioning ${items} items per scenario…`);
	// 0 ms runs are short and CPU-bound, so noise shows most there: several rounds. The slow ones are latency-bound.
	await runAtLatency(rows, 0, { count: items, rounds, warmUp: true });
	log(`Profiling ${PROFILED.join(', ')} at 0 ms, ${rounds} more runs each…`);
	const cpuShares = await profileShares(rows.filter((row) => PROFILED.includes(row.id)), { count: items, rounds });
	await runAtLatency(rows, latencyMs, { count: items, rounds: 1, warmUp: false });
	log(`Against a service of bounded capacity, ${items} items each…`);
	const capacity = await runCapacity({ count: items, log });
	writePlot(capacity);
	log(`Paging an element API through Call Element API and through the raw client, @ ${latencyMs} ms…`);
	const paging = await runPaging({ latencyMs, rounds, log });
	shutdownEngine();

	log(`Peak RSS of ${rssItems} items through the node and through HTTP Request (child processes)…`);
	const rss = {
		node: await measurePeakRss({ count: rssItems, kind: 'node', concurrency: AUTO }),
		httpRequest: await measurePeakRss({ count: rssItems, kind: 'httpRequest' }),
	};
	log('Cold require and tarball…');
	const pack = tarball();
	const results = {
		items,
		latenciesMs: [latencyMs, 0],
		roundsAt0ms: rounds,
		machine,
		ratios: { ...ratios(rows, latencyMs, capacity, rss), pagingVsRaw: paging.nodeVsRaw },
		paging,
		cpuProfile: { samplingUs: SAMPLING_US, rounds, parts: PARTS, shares: cpuShares },
		failedItems: perScenario(capacity, (run) => run.failedItems),
		rejections: perScenario(capacity, (run) => run.rejections),
		peakRssMb10k: rss.node.peakRssMb,
		peakRssVsHttpRequest: rss.node.peakRssMb / rss.httpRequest.peakRssMb,
		rss,
		capacity: { ...capacity, plot: PLOT_FILE },
		requireMs: requireTime({ runs: REQUIRE_RUNS }),
		requireWithWorkflowMs: requireTime({ runs: REQUIRE_RUNS, withWorkflow: true }),
		requireRuns: REQUIRE_RUNS,
		tarballKb: pack.kb,
		tarball: pack,
		runtimeDependencies: Object.keys(require('../package.json').dependencies ?? {}).length,
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
