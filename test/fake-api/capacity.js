'use strict';

/**
 * The shape of a saturated service, for creates: at most `slots` are served
 * at once, each taking `serviceMs` ± `jitterMs`; up to `queue` more wait their
 * turn (their latency grows); beyond that the answer is at once a
 * `rejectStatus` (429 with Retry-After, or 503). It records what a client
 * cannot fake: how many were served, rejected and queued at most, and when
 * each create was served.
 */
function createCapacityLimit({ slots = 16, serviceMs = 200, jitterMs = 0, queue = 16, rejectStatus = 429, retryAfterS = 1 } = {}) {
	const waiting = [];
	let active = 0;
	const stats = { served: 0, failed: 0, rejected: 0, peakActive: 0, peakQueued: 0, peakConcurrent: 0, servedAt: [] };

	/** Serves `work` (→ [status, body, headers]) in its turn, or rejects it when the queue is full. */
	async function serve(work) {
		if (active >= slots && waiting.length >= queue) {
			stats.rejected++;
			const message = `Too many requests: ${slots} creates in progress and ${queue} waiting`;
			return [rejectStatus, { message }, { 'retry-after': String(retryAfterS) }];
		}
		const queued = active >= slots && new Promise((resolve) => waiting.push(resolve));
		if (!queued) active++;
		stats.peakActive = Math.max(stats.peakActive, active);
		stats.peakQueued = Math.max(stats.peakQueued, waiting.length);
		stats.peakConcurrent = Math.max(stats.peakConcurrent, active + waiting.length);
		if (queued) await queued;
		try {
			await sleep(serviceMs + (Math.random() * 2 - 1) * jitterMs);
			const answer = work();
			if (answer[0] < 300) {
				stats.served++;
				stats.servedAt.push(Date.now());
			} else {
				stats.failed++;
			}
			return answer;
		} finally {
			// The slot goes to the next in line, or frees up.
			const next = waiting.shift();
			if (next) next();
			else active--;
		}
	}

	return { serve, stats };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(ms, 0)));

module.exports = { createCapacityLimit };
