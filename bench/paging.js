'use strict';

/**
 * Paging an instance's element API: 10,000 contacts in pages of 100 read
 * through Call Element API (Return All) in n8n's engine, against a raw
 * axios client reading the same pages, interleaved in one run; and the peak
 * RSS of a run through the node, in a fresh child process.
 *
 * Run directly (`node --expose-gc bench/paging.js '<fake JSON>'`) this file is that child.
 */
const http = require('node:http');
const { fork } = require('node:child_process');
const { performance } = require('node:perf_hooks');
const axios = require('axios');

const { runWorkflow, nodeTypeName, INPUT_NODE_TYPE } = require('../test/harness/engine');
const { startFakeProcess } = require('./fake');
const { credentialsFor } = require('./workflows');
const { median } = require('./stats');

const RECORDS = 10_000;
const PAGE_SIZE = 100;
const PATH = '/hubs/marketing/contacts';
const MB = 1024 * 1024;

/** One item holding the instance's token → Call Element API, Return All. */
async function readThroughNode(fake) {
	const items = { id: 'items', name: 'Items', type: INPUT_NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify([{ token: fake.token }]) } };
	const node = {
		id: 'ce',
		name: 'Call Element API',
		type: await nodeTypeName('cloudElementsProvision'),
		typeVersion: 2,
		position: [200, 0],
		parameters: {
			resource: 'elementApi',
			operation: 'callElementApi',
			path: { __rl: true, mode: 'path', value: PATH },
			returnAll: true,
			callOptions: { pageSize: PAGE_SIZE },
		},
		credentials: { cloudElementsApi: { id: 'ce', name: 'Cloud Elements account' } },
	};
	const result = await runWorkflow({ nodes: [items, node], credentials: credentialsFor(fake) });
	if (result.status !== 'success') throw new Error(`Call Element API failed: ${result.error?.message}`);
	return result.output(node.name).map((item) => item.json);
}

/** The same pages from a plain axios loop with keep-alive: no n8n at all. */
async function readRaw(fake) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	const client = axios.create({ baseURL: fake.url, httpAgent: agent, headers: { Authorization: `User ${fake.userSecret}, Element ${fake.token}` } });
	try {
		const records = [];
		let nextPage;
		do {
			const { data, headers } = await client.get(PATH, { params: { pageSize: PAGE_SIZE, ...(nextPage && { nextPage }) } });
			for (const record of data) records.push(record);
			nextPage = headers['elements-next-page-token'];
		} while (nextPage);
		return records;
	} finally {
		agent.destroy();
	}
}

const readers = { node: readThroughNode, raw: readRaw };

async function timed(kind, fake) {
	global.gc?.();
	const start = performance.now();
	const records = await readers[kind](fake);
	const seconds = (performance.now() - start) / 1000;
	if (records.length !== RECORDS || new Set(records.map((record) => record.id)).size !== RECORDS) {
		throw new Error(`${kind}: ${records.length} records read, not ${RECORDS} distinct ones`);
	}
	return { seconds, itemsPerSec: RECORDS / seconds };
}

/** Peak RSS of one read through the node, in a child that loads nothing else. */
function measureNodeRss(fake) {
	const child = fork(__filename, [JSON.stringify(fake)], { execArgv: ['--expose-gc'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
	return new Promise((resolve, reject) => {
		let result;
		child.on('message', (message) => (result = message));
		child.once('error', reject);
		child.once('exit', (code) => (result?.error || code !== 0 ? reject(new Error(result?.error ?? `paging child exited with ${code}`)) : resolve(result)));
	});
}

/** Both readers `rounds` times, interleaved, at `latencyMs` per request; medians, their ratio, and the node's peak RSS. */
async function runPaging({ latencyMs, rounds, log }) {
	const started = await startFakeProcess(latencyMs);
	try {
		const token = await started.seedRecords('contacts', RECORDS);
		const fake = { url: started.url, userSecret: started.userSecret, organizationSecret: started.organizationSecret, token };
		const runs = { node: [], raw: [] };
		await timed('node', fake); // warm-up: the engine and the node loaded, JIT warm
		for (let round = 1; round <= rounds; round++) {
			for (const kind of ['node', 'raw']) {
				const run = await timed(kind, fake);
				log(`  paging, round ${round}/${rounds}, ${kind}: ${run.itemsPerSec.toFixed(0)} records/s`);
				runs[kind].push(run);
			}
		}
		const itemsPerSec = (kind) => median(runs[kind].map((run) => run.itemsPerSec));
		return {
			records: RECORDS,
			pageSize: PAGE_SIZE,
			pages: RECORDS / PAGE_SIZE,
			latencyMs,
			rounds,
			nodeItemsPerSec: itemsPerSec('node'),
			rawItemsPerSec: itemsPerSec('raw'),
			nodeVsRaw: itemsPerSec('node') / itemsPerSec('raw'),
			rss: await measureNodeRss(fake),
		};
	} finally {
		await started.stop();
	}
}

async function childMeasure(fake) {
	const { loadPackage, shutdownEngine } = require('../test/harness/engine');
	try {
		await loadPackage();
		global.gc();
		const baselineMb = process.memoryUsage.rss() / MB;
		const { seconds } = await timed('node', fake);
		return { baselineMb, peakRssMb: (process.resourceUsage().maxRSS * 1024) / MB, seconds };
	} finally {
		shutdownEngine();
	}
}

if (require.main === module) {
	childMeasure(JSON.parse(process.argv[2])).then(
		(result) => process.send(result),
		(error) => process.send({ error: error.stack }),
	);
}

module.exports = { runPaging };
