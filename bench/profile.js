'use strict';

/**
 * Where the CPU per item goes at 0 ms latency: a sampled CPU profile of the
 * runs only (node:inspector's Profiler in this process, started after the
 * warm-up, so neither start-up nor warm-up is in it), its self time put down
 * to the file each sample ran in. `npm run bench` takes the shares of its
 * CPU-compared rows (profileShares, after their measured runs); by hand,
 *
 *   node --expose-gc bench/profile.js [items] [kind]   (kind: node, httpRequest or httpRequestFields)
 *
 * prints them for one kind with its top functions by self time.
 */
const { Session } = require('node:inspector/promises');
const path = require('node:path');

const TOP = 12;
const WARMUP_ITEMS = 200;
/**
 * µs between samples. Measured on the node, 1 000 items, 3 runs each: at 250 and 100 the CPU per item rose by
 * ~20% and ~40% over no profiler, at 500 it stayed within the runs' noise, with ~1 800 samples per run.
 */
const SAMPLING_US = 500;
const DIST = `file://${path.resolve(__dirname, '..', 'dist')}/`;

/** The parts shares are given for, in the order shown. */
const PARTS = {
	package: 'this package (dist)',
	httpRequestNode: 'HTTP Request node (n8n-nodes-base)',
	n8n: 'n8n engine and expressions',
	http: "HTTP (n8n's request helper, axios, follow-redirects, Node sockets)",
	gc: 'garbage collector',
	other: 'other (V8 unattributed, harness)',
};
// Node's own modules that only sockets and HTTP use; its generic ones (events, timers, streams, url) and
// native functions (writev, connect, JSON.parse) are counted to the code that called them.
const NODE_HTTP = /^node:(net|http|https|tls|dns|_http_\w+|_tls_\w+|internal\/(net|dns\/\S+|http|stream_base_commons))$/;
// n8n's request helper (n8n-core: the request turned into axios options, proxy agents) is counted as HTTP, not engine.
const HTTP_FILES =
	/\/node_modules\/(axios|follow-redirects|proxy-from-env|form-data|agent-base|https?-proxy-agent|n8n-core\/dist\/(http-proxy|execution-engine\/node-execution-context\/utils\/request-helper-functions)\.js)/;

/** The part one frame's file belongs to, or undefined to count it to its caller. */
function partOfFrame({ url, functionName }) {
	if (functionName === '(idle)' || url === 'node:inspector') return 'none';
	if (functionName === '(garbage collector)') return 'gc';
	if (functionName === '(program)' || functionName === '(root)') return 'other';
	if (!url || (url.startsWith('node:') && !NODE_HTTP.test(url))) return undefined;
	if (url.startsWith(DIST)) return 'package';
	if (url.includes('/node_modules/n8n-nodes-base/dist/')) return 'httpRequestNode';
	if (NODE_HTTP.test(url) || HTTP_FILES.test(url)) return 'http';
	// n8n-workflow, n8n-core, @n8n/* and the libraries expressions use (luxon, lodash, tournament…).
	if (url.includes('/node_modules/')) return 'n8n';
	return 'other';
}

/**
 * Each sample's self time (µs), frame and part; `(idle)` and the profiler's own
 * work (Profiler.stop building the profile) left out.
 */
function cpuSamples(profile) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parentOf = new Map(profile.nodes.flatMap((node) => (node.children ?? []).map((child) => [child, node.id])));
	const partOf = (id) => {
		for (let at = id; at !== undefined; at = parentOf.get(at)) {
			const part = partOfFrame(byId.get(at).callFrame);
			if (part) return part;
		}
		return 'other';
	};
	return profile.samples
		.map((id, i) => ({ frame: byId.get(id).callFrame, part: partOf(id), us: profile.timeDeltas[i] ?? 0 }))
		.filter((sample) => sample.part !== 'none');
}

/** Each part's share of the CPU sampled. */
function sharesByPart(samples) {
	const us = Object.fromEntries(Object.keys(PARTS).map((part) => [part, 0]));
	for (const sample of samples) us[sample.part] += sample.us;
	const total = samples.reduce((sum, sample) => sum + sample.us, 0);
	return Object.fromEntries(Object.entries(us).map(([part, value]) => [part, value / total]));
}

/** Self time per function (name and place), largest first, as shares of the CPU sampled. */
function topSelfTime(samples) {
	const byFunction = new Map();
	for (const { frame, us } of samples) {
		const where = frame.url ? `${frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(dist|bench|test)\//, '$1/')}:${frame.lineNumber + 1}` : '';
		const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
		byFunction.set(key, (byFunction.get(key) ?? 0) + us);
	}
	const total = samples.reduce((sum, sample) => sum + sample.us, 0);
	return [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([name, us]) => ({ name, share: us / total }));
}

/** Runs `scenario` under the sampling profiler; resolves to the run's figures (their CPU includes the profiler's start and stop) and its profile. */
async function profileScenario(scenario, { fake, count }) {
	const { runScenario } = require('./scenarios');
	const session = new Session();
	session.connect();
	try {
		await session.post('Profiler.enable');
		await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_US });
		let profile;
		const around = async (run) => {
			await session.post('Profiler.start');
			try {
				return await run();
			} finally {
				({ profile } = await session.post('Profiler.stop'));
			}
		};
		const run = await runScenario(scenario, { fake, count, around });
		return { run, profile };
	} finally {
		session.disconnect();
	}
}

/**
 * Each of `rows` (already warm) profiled over `rounds` runs of `count` items,
 * interleaved as the measured runs are, against a fake of its own at 0 ms:
 * its CPU by part, as shares of all its runs' samples.
 */
async function profileShares(rows, { count, rounds }) {
	const { startFakeProcess } = require('./fake');
	const fake = await startFakeProcess(0);
	const samples = new Map(rows.map((row) => [row, []]));
	try {
		for (let round = 1; round <= rounds; round++) {
			for (const row of rows) samples.set(row, samples.get(row).concat(cpuSamples((await profileScenario(row, { fake, count })).profile)));
		}
	} finally {
		await fake.stop();
	}
	return Object.fromEntries(rows.map((row) => [row.id, sharesByPart(samples.get(row))]));
}

const percent = (share) => `${(share * 100).toFixed(1)}%`;

async function main() {
	const { startFakeProcess } = require('./fake');
	const { runScenario } = require('./scenarios');
	const { shutdownEngine } = require('../test/harness/engine');
	const count = Number(process.argv[2]) || 2000;
	const scenario = { label: 'profile', kind: process.argv[3] ?? 'node', concurrency: 0 };
	const fake = await startFakeProcess(0);
	try {
		// JIT and lazy loading would otherwise be in the profile.
		await runScenario(scenario, { fake, count: WARMUP_ITEMS });
		const samples = cpuSamples((await profileScenario(scenario, { fake, count })).profile);
		const shares = Object.entries(sharesByPart(samples));
		const sampledUs = samples.reduce((sum, sample) => sum + sample.us, 0);
		console.log(`${count} items, ${scenario.kind}: ${(sampledUs / count).toFixed(0)} µs per item sampled on the main thread\n`);
		console.log(['| Part | Share of CPU sampled |', '|---|---:|', ...shares.map(([part, share]) => `| ${PARTS[part]} | ${percent(share)} |`)].join('\n'));
		console.log(['', '| Self time | Function |', '|---:|---|', ...topSelfTime(samples).map((row) => `| ${percent(row.share)} | \`${row.name}\` |`)].join('\n'));
	} finally {
		await fake.stop();
		shutdownEngine();
	}
}

if (require.main === module) main().catch((error) => (console.error(error), (process.exitCode = 1)));

module.exports = { profileShares, PARTS, SAMPLING_US };
