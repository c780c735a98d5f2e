'use strict';

/**
 * Turns one run's measurements into the targets of issue 11, a Markdown table
 * (printed, and written to bench/RESULTS.md) and bench/results.json.
 * A missed target is reported, never thrown: the bench measures, it does not gate.
 */
const fs = require('node:fs');
const path = require('node:path');

const TARGETS = [
	{ label: 'Auto goodput / oracle (fixed K) goodput, capacity-limited fake', value: (r) => r.ratios.autoVsOracle, op: '>=', limit: 0.9, unit: '×' },
	{ label: 'Auto goodput with an Idempotency Key per item / oracle goodput, same fake', value: (r) => r.ratios.autoKeyedVsOracle, op: '>=', limit: 0.9, unit: '×', note: (r) => `requests per item: ${fmt(r.capacity.scenarios.autoKeyed.requestsPerItem)} with the key, ${fmt(r.capacity.scenarios.auto.requestsPerItem)} without` },
	{ label: 'Failed items, Auto', value: (r) => r.failedItems.auto, op: '<=', limit: 0, unit: '', note: (r) => `HTTP Request defaults: ${r.failedItems.httpRequestDefaults}, with Retry On Fail + Batching: ${r.failedItems.httpRequestRetryBatching}` },
	{ label: '429/503 answers to Auto, share of its requests', value: (r) => r.rejections.auto / (r.capacity.items + r.rejections.auto), op: '<=', limit: 0.02, unit: '', note: (r) => `${r.rejections.auto} answers; HTTP Request defaults got ${r.rejections.httpRequestDefaults}` },
	{ label: 'Node (Concurrency 4) / raw client at 4 in flight, items/s @ latency', value: (r) => r.ratios.nodeVsRaw, op: '>=', limit: 0.95, unit: '×' },
	{
		label: (r) => `Call Element API paging ${r.paging.records.toLocaleString('en-US')} records (${r.paging.pages} pages) / raw client, records/s @ latency`,
		value: (r) => r.ratios.pagingVsRaw,
		op: '>=',
		limit: 0.9,
		unit: '×',
		note: (r) => `${fmt(r.paging.nodeItemsPerSec)} vs ${fmt(r.paging.rawItemsPerSec)} records/s, median of ${r.paging.rounds}; peak RSS of a run through the node ${fmt(r.paging.rss.peakRssMb)} MB (${fmt(r.paging.rss.baselineMb)} MB with the engine loaded)`,
	},
	{
		label: 'CPU per item, node (Auto) / HTTP Request node, 0 ms',
		value: (r) => r.ratios.cpuVsHttpRequest,
		op: '<=',
		limit: 0.8,
		unit: '×',
		note: (r) => `node / HTTP Request with the body from three fields, as the node reads three: ${fmt(r.ratios.cpuVsHttpRequestFields)}×`,
	},
	{ label: (r) => `Peak RSS, ${r.rss.node.items.toLocaleString('en-US')} items through the node`, value: (r) => r.peakRssMb10k, op: '<=', limit: 250, unit: ' MB' },
	{ label: 'Peak RSS, node / HTTP Request node, same items', value: (r) => r.peakRssVsHttpRequest, op: '<=', limit: 0.5, unit: '×' },
	{ label: 'Cold require of the built node and credentials', value: (r) => r.requireMs, op: '<=', limit: 50, unit: ' ms' },
	{ label: 'Packed tarball', value: (r) => r.tarballKb, op: '<=', limit: 60, unit: ' kB' },
	{ label: 'Runtime dependencies', value: (r) => r.runtimeDependencies, op: '<=', limit: 0, unit: '' },
];

const meets = { '>=': (v, l) => v >= l, '<=': (v, l) => v <= l };

/** Rounds for display: 3 significant digits, no exponent. */
const fmt = (value) => (value === undefined ? '—' : Number(value.toPrecision(3)).toLocaleString('en-US'));

/** Each target with its measured value and whether it is met. */
function evaluateTargets(results) {
	return TARGETS.map((target) => {
		const value = target.value(results);
		const label = typeof target.label === 'function' ? target.label(results) : target.label;
		const note = target.note?.(results);
		return { label, op: target.op, limit: target.limit, unit: target.unit, value, note, met: meets[target.op](value, target.limit) };
	});
}

function capacityTable({ capacity: c, items, scenarios, plot }) {
	const lines = [
		`Against the fake's capacity mode: ${c.slots} creates served at once, ${c.serviceMs} ± ${c.jitterMs} ms each, ${c.queue} more queue, past that ${c.rejectStatus} with Retry-After: ${c.retryAfterS}. ${items} items per scenario, a fresh fake each.`,
		'',
		'| Scenario | Goodput, items/s | Failed items | 429/503 answers | Creates served | Requests per item | Most in flight at the fake | Seconds |',
		'|---|---:|---:|---:|---:|---:|---:|---:|',
	];
	for (const run of Object.values(scenarios)) {
		lines.push(
			`| ${run.label} | ${fmt(run.goodput)} | ${run.failedItems} | ${run.rejections} | ${run.createsServed} | ${fmt(run.requestsPerItem)} | ${run.peakConcurrent} | ${fmt(run.seconds)} |`,
		);
	}
	lines.push('', `![Concurrency Auto: its limit and goodput over time](${plot})`);
	return lines.join('\n');
}

function scenarioTable(scenarios, latencies, rounds) {
	const [slow, fast] = latencies;
	const median = rounds > 1 ? ` (median of ${rounds})` : '';
	const lines = [
		`| Scenario | In flight | items/s @ ${slow} ms | items/s @ ${fast} ms${median} | CPU µs/item @ ${fast} ms${median} |`,
		'|---|---|---:|---:|---:|',
	];
	for (const row of scenarios) {
		const at = (ms) => row.runs[ms];
		lines.push(
			`| ${row.label} | ${row.inFlight} | ${fmt(at(slow)?.itemsPerSec)} | ${fmt(at(fast)?.itemsPerSec)} | ${fmt(at(fast)?.cpuUsPerItem)} |`,
		);
	}
	return lines.join('\n');
}

function targetTable(targets) {
	const lines = ['| Target | Measured | Wanted | | |', '|---|---:|---:|---|---|'];
	for (const t of targets) {
		lines.push(`| ${t.label} | ${fmt(t.value)}${t.unit} | ${t.op} ${t.limit}${t.unit} | ${t.met ? 'met' : '**not met**'} | ${t.note ?? ''} |`);
	}
	return lines.join('\n');
}

function machineLine(m) {
	return `${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB; ${m.os}; Node ${m.node}; n8n-core ${m.n8nCore}, n8n-workflow ${m.n8nWorkflow}, n8n-nodes-base ${m.n8nNodesBase}, axios ${m.axios}; package at ${m.revision}; ${m.date}; load average ${fmt(m.loadAverage)}`;
}

function ratioLine({ ratios: r, latenciesMs: [slow] }) {
	return (
		`Ratios @ ${slow} ms: node at 4 / raw client at 4 ${fmt(r.nodeVsRaw)}×; node at 4 / node at 1 ${fmt(r.nodeConcurrencySpeedup)}×. ` +
		`Capacity-limited: Auto / oracle ${fmt(r.autoVsOracle)}×, Auto / fixed 4 ${fmt(r.autoVsFixed4)}×, Auto / HTTP Request with Retry On Fail + Batching ${fmt(r.autoVsHttpRequestRetryBatching)}×. ` +
		`@ 0 ms: node at 4 / raw ${fmt(r.nodeVsRawAt0ms)}×, Auto / HTTP Request ${fmt(r.autoVsHttpRequestAt0ms)}× items/s; CPU per item Auto / HTTP Request ${fmt(r.cpuVsHttpRequest)}× (one JSON-body expression), / HTTP Request with three body fields ${fmt(r.cpuVsHttpRequestFields)}×, / raw ${fmt(r.cpuVsRaw)}×.`
	);
}

/** Per profiled row: each part's share of its sampled CPU, and that share of its median CPU per item. */
function cpuShareTable({ cpuProfile: { parts, shares, rounds, samplingUs }, scenarios }) {
	const lines = [
		`CPU per item by part, 0 ms: a sampled profile (every ${samplingUs} µs) of ${rounds} more runs of each row, self time by the file it ran in; share of the CPU sampled (µs: that share of the row's median above).`,
		'',
		`| Scenario | ${Object.values(parts).join(' | ')} |`,
		`|---|${Object.keys(parts).map(() => '---:').join('|')}|`,
	];
	for (const row of scenarios.filter((scenario) => shares[scenario.id])) {
		const cells = Object.keys(parts).map((part) => `${(shares[row.id][part] * 100).toFixed(1)}% (${fmt(shares[row.id][part] * row.runs[0].cpuUsPerItem)} µs)`);
		lines.push(`| ${row.label} | ${cells.join(' | ')} |`);
	}
	return lines.join('\n');
}

const rssLine = (label, rss) =>
	`${label}: ${fmt(rss.peakRssMb)} MB peak (${fmt(rss.baselineMb)} MB with the engine loaded, before the run; heap in use at the end ${fmt(rss.heapUsedMb)} MB, ${fmt(rss.heapLiveMb)} MB after a full GC; run ${fmt(rss.seconds)} s; longest event-loop block ${fmt(rss.longestEventLoopBlockMs)} ms)`;

/** The printed table; RESULTS.md holds the same plus how it was measured. */
function renderTables(results) {
	return [
		`${results.items} items per run; ${machineLine(results.machine)}`,
		'',
		scenarioTable(results.scenarios, results.latenciesMs, results.roundsAt0ms),
		'',
		ratioLine(results),
		'',
		cpuShareTable(results),
		'',
		capacityTable(results.capacity),
		'',
		`Peak RSS for ${results.rss.node.items} items (fresh process each, 0 ms):`,
		'',
		`- ${rssLine('This node, Concurrency Auto', results.rss.node)}`,
		`- ${rssLine('HTTP Request node, defaults', results.rss.httpRequest)}`,
		'',
		`Cold require: ${fmt(results.requireMs)} ms (median of ${results.requireRuns}; ${fmt(results.requireWithWorkflowMs)} ms counting n8n-workflow itself)`,
		`Tarball: ${fmt(results.tarballKb)} kB packed, ${fmt(results.tarball.unpackedKb)} kB unpacked, ${results.tarball.files} files; ${results.runtimeDependencies} runtime dependencies`,
		'',
		targetTable(results.targets),
		'',
		`Bench took ${fmt(results.benchSeconds)} s.`,
	].join('\n');
}

const METHOD = `
## How it is measured

- Every scenario provisions the same customers (one \`POST /instances\` each) against the fake Cloud Elements API
  (test/fake-api), run in its own process on 127.0.0.1 with the given latency added to every answer, so the CPU
  measured (\`process.cpuUsage()\` around each run, this process only) is the client's.
- "Node" and "HTTP Request" run through n8n's real engine (test/harness/engine.js: \`WorkflowExecute\`, the built
  package loaded by \`PackageDirectoryLoader\`), workflow *Items → node*, manual mode. Both read each customer from its
  item by expression. The node uses its Cloud Elements API credential (Custom environment); the HTTP Request node
  (4.4, from n8n-nodes-base, installed into a cache folder outside the repository) uses a Header Auth credential
  holding the same Authorization header and a JSON body built by expression, as the n8n docs suggest. Its "body from
  three fields" row builds the same body with Send Body > JSON > Using Fields Below instead: \`element.key\` fixed,
  \`configuration['api.key']\`, \`tags\` and \`name\` each by expression, three per item as the node reads its three
  parameters. Before anything is measured, both HTTP Request variants send two customers to a recording fake and
  their bodies are checked to be the same text. The node adds its own one-off marker tag to each body (for safe
  retries); otherwise the bodies are the same.
- HTTP Request 4.x starts every item's request before awaiting any (\`Promise.allSettled\`), so at its defaults all
  items are in flight at once. Its Batching option only pauses \`batchInterval\` ms after every \`batchSize\` items
  and does nothing when the interval is 0.
- "Raw client": axios with a keep-alive \`http.Agent\`, the same number of requests in flight, no n8n.
  The "no keep-alive" row shows what a fresh connection per request costs: n8n's request helper creates a new
  \`http.Agent\` for every request, so every node built on it (this one and HTTP Request) connects anew each time.
- Each run starts after a forced GC; every kind of scenario is warmed up once before anything is measured. At 0 ms
  the scenarios run several rounds, interleaved, and each figure is the median.
- Ratios: the node at a fixed concurrency of 4 over the raw client at 4 in flight, items/s at the injected latency;
  CPU per item at 0 ms, the node at its default (Auto) over the HTTP Request node at its defaults (one JSON-body
  expression; the target), over the same with its body from three fields (\`cpuVsHttpRequestFields\`, like for like)
  and over the raw client; goodput against the capacity-limited fake, Auto over the best fixed setting. \`ratios\` in results.json
  also holds the 0 ms items/s ratios.
- CPU per item by part: after the measured 0 ms rounds, the node (Auto) and both HTTP Request rows run as many
  more rounds under node:inspector's sampling profiler (every 500 µs; bench/profile.js), started after each run's
  forced GC. Each sample's self time goes to the file it ran in: this package's dist/; n8n-nodes-base's dist/ (the
  HTTP Request node); HTTP (n8n-core's request helper and proxy agents, axios, follow-redirects, proxy-from-env,
  Node's net and http modules); n8n engine and expressions (every other package: n8n-workflow, n8n-core, @n8n/*,
  luxon, lodash…); the garbage collector; other (\`(program)\`, the bench harness). Node's generic internals and
  native functions (events, streams, timers, \`JSON.parse\`, \`writev\`, \`connect\`) count to the nearest caller
  with a file. Samples are wall-clock time of the main thread, idle left out, so they follow the process's CPU
  time only while the thread has a core (by hand, 0.95–1.2× of it); GC helper threads are not in them.
- Ratios come from this run only. Peak RSS is the kernel's high-water mark (\`process.resourceUsage().maxRSS\`)
  of a fresh \`node --expose-gc\` process; the longest event-loop block is the longest stall of a 5 ms timer in it.
  The heap in use is read as the run ends and again after a forced full GC (after the peak was read): the
  difference is garbage no major GC had collected yet.
  Cold require is timed in fresh processes with n8n-workflow already loaded, as in n8n. The tarball is
  \`npm pack --dry-run\`'s size.
`;

/** bench/PROFILE.md: the CPU profile and heap findings, measured by hand (bench/profile.js), kept beside the run's figures. */
function profileNotes(dir) {
	const file = path.join(dir, 'PROFILE.md');
	return fs.existsSync(file) ? `\n${fs.readFileSync(file, 'utf8')}` : '';
}

function writeResults(results, dir) {
	const markdown = `# Benchmark results\n\nWritten by \`npm run bench\` (bench/run.js); one full run.\n\n${renderTables(results)}\n${METHOD}${profileNotes(dir)}`;
	fs.writeFileSync(path.join(dir, 'RESULTS.md'), markdown);
	fs.writeFileSync(path.join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
}

module.exports = { evaluateTargets, renderTables, writeResults };
