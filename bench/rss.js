'use strict';

/**
 * Peak resident memory of provisioning many items through the node (or n8n's
 * HTTP Request node) in n8n's engine, measured in a fresh child process so
 * nothing the main bench loaded or left behind counts. Run directly it is
 * that child: `node --expose-gc bench/rss.js <items> <kind> <concurrency>` (0 ms latency).
 */
const { fork } = require('node:child_process');
const { performance } = require('node:perf_hooks');

const MB = 1024 * 1024;
const SAMPLE_EVERY_MS = 5;

/** Forks the measuring child; resolves to its figures in MB. */
function measurePeakRss({ count, kind, concurrency = 0 }) {
	const child = fork(__filename, [String(count), kind, String(concurrency)], {
		execArgv: ['--expose-gc'],
		stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
	});
	return new Promise((resolve, reject) => {
		let result;
		child.on('message', (message) => (result = message));
		child.once('error', reject);
		child.once('exit', (code) => (result?.error || code !== 0 ? reject(new Error(result?.error ?? `rss child exited with ${code}`)) : resolve(result)));
	});
}

/**
 * Samples RSS every few ms, and notes the longest time the samples stalled:
 * how long the run kept n8n's event loop from doing anything else (webhooks,
 * the editor, queue-mode lock renewals). perf_hooks' monitorEventLoopDelay
 * missed such stalls here, so the gap is timed directly.
 */
function startSampler() {
	const sampler = { peakRss: 0, longestGapMs: 0, last: performance.now() };
	sampler.timer = setInterval(() => {
		const now = performance.now();
		sampler.longestGapMs = Math.max(sampler.longestGapMs, now - sampler.last - SAMPLE_EVERY_MS);
		sampler.last = now;
		sampler.peakRss = Math.max(sampler.peakRss, process.memoryUsage.rss());
	}, SAMPLE_EVERY_MS);
	return sampler;
}

async function measure(count, kind, concurrency) {
	const { startFakeProcess } = require('./fake');
	const { runScenario } = require('./scenarios');
	const { loadPackage, shutdownEngine } = require('../test/harness/engine');

	const fake = await startFakeProcess(0);
	try {
		await loadPackage();
		// The HTTP Request node loaded (and its module graph with it) before the baseline, as the node's is.
		if (kind === 'httpRequest') require('./nodes-base').loadHttpRequestNode();
		global.gc();
		const baselineMb = process.memoryUsage.rss() / MB;
		// Sampling shows the run's own peak; the kernel's high-water mark (maxRSS) cannot miss one.
		const sampler = startSampler();
		const run = await runScenario({ label: 'rss', kind, concurrency }, { fake, count });
		clearInterval(sampler.timer);
		const peakRssMb = (process.resourceUsage().maxRSS * 1024) / MB;
		const heapUsedMb = process.memoryUsage().heapUsed / MB;
		// What of the heap at the end is garbage: a full GC, after the peak was read, keeps only what is live.
		global.gc();
		return {
			items: count,
			kind,
			concurrency,
			seconds: run.seconds,
			baselineMb,
			sampledPeakMb: sampler.peakRss / MB,
			peakRssMb,
			heapUsedMb,
			heapLiveMb: process.memoryUsage().heapUsed / MB,
			longestEventLoopBlockMs: sampler.longestGapMs,
		};
	} finally {
		await fake.stop();
		shutdownEngine();
	}
}

if (require.main === module) {
	measure(Number(process.argv[2]), process.argv[3], Number(process.argv[4])).then(
		(result) => process.send(result),
		(error) => process.send({ error: error.stack }),
	);
}

module.exports = { measurePeakRss };
