'use strict';

/**
 * The fake Cloud Elements API in its own process, so that the CPU the bench
 * measures with process.cpuUsage() is the client's alone and the server does
 * not compete with the client for the benchmark process's event loop.
 *
 * Run directly (`node bench/fake.js <latencyMs>`) this file is that child.
 */
const { fork } = require('node:child_process');

const { startFakeCloudElements } = require('../test/fake-api/server');

/** Starts the fake with `latencyMs` per request; resolves to its URL and secrets, plus stop(). */
function startFakeProcess(latencyMs) {
	const child = fork(__filename, [String(latencyMs)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`fake API exited with ${code}`)));
		child.once('message', (fake) => {
			child.removeAllListeners('exit');
			resolve({ ...fake, latencyMs, stop: () => stopChild(child) });
		});
	});
}

function stopChild(child) {
	return new Promise((resolve) => {
		child.once('exit', resolve);
		child.kill('SIGTERM');
	});
}

async function serve(latencyMs) {
	// record: false, or 10 000 recorded requests would grow the fake, not the client.
	const fake = await startFakeCloudElements({ port: 0, latencyMs, record: false });
	process.send({ url: fake.url, userSecret: fake.userSecret, organizationSecret: fake.organizationSecret });
	const stop = () => fake.stop().then(() => process.exit(0));
	process.on('SIGTERM', stop);
	// The parent died without stopping us: do not linger.
	process.on('disconnect', stop);
}

if (require.main === module) serve(Number(process.argv[2]) || 0);

module.exports = { startFakeProcess };
