'use strict';

/**
 * The fake Cloud Elements API in its own process, so that the CPU the bench
 * measures with process.cpuUsage() is the client's alone and the server does
 * not compete with the client for the benchmark process's event loop.
 *
 * Run directly (`node bench/fake.js <latencyMs> [<capacity JSON>]`) this file is that child.
 */
const { fork } = require('node:child_process');

const { startFakeCloudElements } = require('../test/fake-api/server');
const { createInstances } = require('../test/harness/instances');

/**
 * Starts the fake with `latencyMs` per request, or its creates limited by
 * `capacity` (test/fake-api/capacity.js); resolves to its URL and secrets,
 * stop(), capacityStats(): what the capacity limit saw, and `requests`: every request received; and
 * seedRecords(object, count): a new Pardot instance whose element API holds `count` records of
 * `object`, resolving to its token.
 */
function startFakeProcess(latencyMs, capacity) {
	const args = [String(latencyMs), ...(capacity ? [JSON.stringify(capacity)] : [])];
	const child = fork(__filename, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`fake API exited with ${code}`)));
		child.once('message', (fake) => {
			child.removeAllListeners('exit');
			resolve({
				...fake,
				latencyMs,
				stop: () => stopChild(child),
				capacityStats: () => ask(child, 'capacityStats'),
				seedRecords: (object, count) => ask(child, { seedRecords: [object, count] }),
			});
		});
	});
}

function ask(child, question) {
	return new Promise((resolve) => {
		child.once('message', resolve);
		child.send(question);
	});
}

function stopChild(child) {
	return new Promise((resolve) => {
		child.once('exit', resolve);
		child.kill('SIGTERM');
	});
}

async function serve(latencyMs, capacity) {
	// record: false, or 10 000 recorded requests would grow the fake, not the client.
	const fake = await startFakeCloudElements({ port: 0, latencyMs, record: false });
	if (capacity) fake.limitCapacity(capacity);
	process.on('message', (message) => {
		if (message === 'capacityStats') process.send({ ...fake.capacity, requests: fake.requestCount });
		if (message.seedRecords) seedInstance(fake, ...message.seedRecords).then((token) => process.send(token));
	});
	process.send({ url: fake.url, userSecret: fake.userSecret, organizationSecret: fake.organizationSecret });
	const stop = () => fake.stop().then(() => process.exit(0));
	process.on('SIGTERM', stop);
	// The parent died without stopping us: do not linger.
	process.on('disconnect', stop);
}

/** A Pardot instance made as a create would make it, its `object` holding `count` records: its token. */
async function seedInstance(fake, object, count) {
	const [instance] = await createInstances(fake, [{ name: 'paging-bench' }]);
	fake.seedRecords(instance.id, object, count);
	return instance.token;
}

if (require.main === module) serve(Number(process.argv[2]) || 0, process.argv[3] && JSON.parse(process.argv[3]));

module.exports = { startFakeProcess };
