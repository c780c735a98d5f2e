'use strict';

/**
 * `node bench/profile.js [items]`: where the node's CPU goes at 0 ms latency.
 * Runs `items` creates through the node in n8n's engine in a child process
 * under `--cpu-prof`, then prints the top functions by self time as a
 * Markdown table (the profile is written to a temporary folder and removed).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { tempFolder } = require('../scripts/lib/sandbox');

const TOP = 12;

async function child(count) {
	const { startFakeProcess } = require('./fake');
	const { runScenario } = require('./scenarios');
	const { shutdownEngine } = require('../test/harness/engine');
	const fake = await startFakeProcess(0);
	try {
		// Warm-up outside the figures that matter: JIT and lazy loading.
		await runScenario({ label: 'warm-up', kind: 'node', concurrency: 0 }, { fake, count: 200 });
		await runScenario({ label: 'profile', kind: 'node', concurrency: 0 }, { fake, count });
	} finally {
		await fake.stop();
		shutdownEngine();
	}
}

/** Self time per function (name and place), largest first, as shares of the profile's total. */
function topSelfTime(profile) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const selfUs = new Map();
	const deltas = profile.timeDeltas;
	profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i] ?? 0)));
	const total = deltas.reduce((sum, delta) => sum + delta, 0);
	const byFunction = new Map();
	for (const [id, us] of selfUs) {
		const { functionName, url, lineNumber } = byId.get(id).callFrame;
		const where = url ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(dist|bench|test)\//, '$1/')}:${lineNumber + 1}` : '';
		const key = `${functionName || '(anonymous)'} ${where}`.trim();
		byFunction.set(key, (byFunction.get(key) ?? 0) + us);
	}
	return [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([name, us]) => ({ name, share: us / total }));
}

function main() {
	const count = Number(process.argv[2]) || 2000;
	// Watched: a Ctrl-C during the profile leaves nothing behind either.
	const dir = tempFolder('ce-cpu-prof-');
	try {
		execFileSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--expose-gc', __filename, '--child', String(count)], { stdio: ['ignore', 'ignore', 'inherit'] });
		const [file] = fs.readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
		const top = topSelfTime(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
		console.log(['| Self time | Function |', '|---:|---|', ...top.map((row) => `| ${(row.share * 100).toFixed(1)}% | \`${row.name}\` |`)].join('\n'));
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

if (process.argv[2] === '--child') child(Number(process.argv[3])).catch((error) => (console.error(error), (process.exitCode = 1)));
else main();
