'use strict';

/**
 * The same provisioning against a service of bounded capacity (the fake's
 * capacity mode): this node at Concurrency Auto, at fixed settings, and n8n's
 * HTTP Request node as a user would set it. Each scenario gets a fresh fake,
 * so what it counts (rejections, creates served) is that scenario's alone.
 */
const { startFakeProcess } = require('./fake');
const { runScenario } = require('./scenarios');

/** K = 16 creates at once, 200 ms ± 50 ms each, 16 more may queue; past that, 429 with Retry-After: 1. */
const CAPACITY = { slots: 16, serviceMs: 200, jitterMs: 50, queue: 16, rejectStatus: 429, retryAfterS: 1 };
/** Every item gets an output item (success or error) to count, instead of the node failing as a whole. */
const CONTINUE = { onError: 'continueRegularOutput' };

const CAPACITY_SCENARIOS = [
	{ id: 'auto', label: 'This node, Concurrency Auto (the default)', kind: 'node', concurrency: 0, traced: true },
	{ id: 'autoKeyed', label: 'This node, Concurrency Auto, an Idempotency Key per item', kind: 'node', concurrency: 0, keyed: true },
	{ id: 'fixed4', label: 'This node, Concurrency 4 (the old default)', kind: 'node', concurrency: 4 },
	{ id: 'oracle', label: `This node, Concurrency ${CAPACITY.slots} (= K: the best fixed setting, the oracle)`, kind: 'node', concurrency: CAPACITY.slots },
	{ id: 'httpRequestDefaults', label: 'HTTP Request node, defaults (On Error: Continue, to count failed items)', kind: 'httpRequest', settings: CONTINUE },
	{
		id: 'httpRequestRetryBatching',
		// As n8n's "Handle rate limits" page suggests: Retry On Fail (the whole node runs again) and Batching to pace the calls,
		// here at exactly the fake's capacity (16 per 200 ms), which a user could not know.
		label: `HTTP Request node, Batching ${CAPACITY.slots} items / ${CAPACITY.serviceMs} ms + Retry On Fail (5 tries, 5000 ms apart)`,
		kind: 'httpRequest',
		batching: { batchSize: CAPACITY.slots, batchInterval: CAPACITY.serviceMs },
		settings: { retryOnFail: true, maxTries: 5, waitBetweenTries: 5000 },
	},
].map((scenario) => ({ ...scenario, allowFailures: true }));

/**
 * Records the limit Auto sets, from the node's debug log line (n8n's Logger,
 * the one a node's `this.logger` is): `{ at, limit }`, at in epoch ms (the fake's clock too).
 */
function traceLimit() {
	const fromCore = { paths: [require.resolve('n8n-core')] };
	const { Logger } = require(require.resolve('@n8n/backend-common', fromCore));
	const { Container } = require(require.resolve('@n8n/di', fromCore));
	const logger = Container.get(Logger);
	const points = [];
	// n8n's Logger is frozen: a stand-in takes its place in the container while the run lasts.
	const tracing = Object.create(logger, {
		debug: {
			value(message, meta) {
				if (meta && typeof meta.concurrency === 'number') points.push({ at: Date.now(), limit: meta.concurrency });
				return logger.debug(message, meta);
			},
		},
	});
	Container.set(Logger, tracing);
	return { points, stop: () => Container.set(Logger, logger) };
}

async function runCapacityScenario(scenario, count, log) {
	const fake = await startFakeProcess(0, CAPACITY);
	const trace = scenario.traced ? traceLimit() : undefined;
	try {
		log(`  capacity K=${CAPACITY.slots}: ${scenario.label}…`);
		const run = await runScenario(scenario, { fake, count });
		const seen = await fake.capacityStats();
		log(`    ${run.goodput.toFixed(1)} items/s goodput, ${run.failedItems} failed, ${seen.rejected} rejected`);
		return {
			...run,
			rejections: seen.rejected,
			// A create served more often than items succeeded made duplicates (or belongs to a failed item's retry).
			createsServed: seen.served,
			requestsPerItem: seen.requests / count,
			peakConcurrent: seen.peakConcurrent,
			servedAt: scenario.traced ? seen.servedAt : undefined,
			limitTrace: trace?.points,
		};
	} finally {
		trace?.stop();
		await fake.stop();
	}
}

/** Runs every capacity scenario once, in order; resolves to their figures by id. */
async function runCapacity({ count, log }) {
	const results = {};
	for (const scenario of CAPACITY_SCENARIOS) {
		results[scenario.id] = { label: scenario.label, ...(await runCapacityScenario(scenario, count, log)) };
	}
	return { capacity: CAPACITY, items: count, scenarios: results };
}

module.exports = { runCapacity };
