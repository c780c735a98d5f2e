import {
	AdaptiveLimit,
	ConcurrencyLimiter,
	fixedLimit,
	trySignal,
	type TrySignal,
} from '../../../../nodes/CloudElements/transport/concurrency';
import { sleep } from 'n8n-workflow';

import type { Outcome } from '../../../../nodes/CloudElements/transport/send';

/** Feeds `policy` a window's worth of tries (as many as its limit) that each took `latencyMs`, one after the other in time. */
function answerWindow(policy: AdaptiveLimit, clock: { now: number }, latencyMs: number, saturated = true) {
	const tries = Math.max(policy.limit, 4);
	for (let i = 0; i < tries; i++) {
		const startedAt = clock.now;
		clock.now += latencyMs;
		policy.record({ startedAt, endedAt: clock.now, signal: 'answered', saturated });
	}
}

function limitsAfter(policy: AdaptiveLimit, latencies: number[]): number[] {
	const clock = { now: 0 };
	return latencies.map((latencyMs) => {
		answerWindow(policy, clock, latencyMs);
		return policy.limit;
	});
}

/** Answers one try of `kind` that took `latencyMs`, each after the one before, with the limit in use. */
function answering(policy: AdaptiveLimit) {
	let now = 0;
	return (kind: string, latencyMs: number) => {
		policy.record({ startedAt: now, endedAt: now + latencyMs, signal: 'answered', saturated: true, kind });
		now += latencyMs;
	};
}

describe('AdaptiveLimit', () => {
	it('doubles each window while latency stays at its floor and the limit is used (slow start), up to the maximum', () => {
		const policy = new AdaptiveLimit({ initial: 4, max: 50 });
		expect(limitsAfter(policy, [200, 200, 210, 205, 200])).toEqual([8, 16, 32, 50, 50]);
	});

	it('does not grow a limit the run does not use', () => {
		const policy = new AdaptiveLimit({ initial: 4, max: 50 });
		answerWindow(policy, { now: 0 }, 200, false);
		expect(policy.limit).toBe(4);
	});

	it('scales the limit to the latency a queue adds (tolerance / gradient), then grows by one per window', () => {
		const policy = new AdaptiveLimit({ initial: 16, max: 32 });
		// Floor 200 ms; 32 in flight queue to 400 ms: 32 × 1.5 / 2 = 24.
		expect(limitsAfter(policy, [200, 200, 400, 200, 200])).toEqual([32, 32, 24, 25, 26]);
	});

	it('cuts at most by half for latency, and never below 1', () => {
		const policy = new AdaptiveLimit({ initial: 4, max: 50 });
		expect(limitsAfter(policy, [100, 1000, 1000, 1000])).toEqual([8, 4, 2, 1]);
	});

	it('keeps the limit within tolerance of the floor (1.5× by default; 1.2× when set)', () => {
		const strict = new AdaptiveLimit({ initial: 8, max: 50, tolerance: 1.2 });
		const lenient = new AdaptiveLimit({ initial: 8, max: 50 });
		// 16 × 1.2 / 1.4 = 13.7.
		expect(limitsAfter(strict, [100, 140])).toEqual([16, 13]);
		expect(limitsAfter(lenient, [100, 140])).toEqual([16, 32]);
	});

	it('halves on an overload answer, once for the tries sent before the cut', () => {
		const changes: Array<[number, string]> = [];
		const policy = new AdaptiveLimit({ initial: 32, max: 50, onChange: (limit, reason) => changes.push([limit, reason]) });
		const overloaded = (startedAt: number, endedAt: number) => policy.record({ startedAt, endedAt, signal: 'overloaded', saturated: true });
		overloaded(0, 10);
		// Sent before the cut: the same overload, seen again.
		overloaded(5, 12);
		overloaded(9, 20);
		expect(policy.limit).toBe(16);
		// Sent after it: the service is still over capacity.
		overloaded(11, 30);
		expect(policy.limit).toBe(8);
		expect(changes).toEqual([
			[16, 'Cloud Elements answered it is over capacity'],
			[8, 'Cloud Elements answered it is over capacity'],
		]);
	});

	it('leaves slow start at an overload answer: it grows by one per window after', () => {
		const policy = new AdaptiveLimit({ initial: 8, max: 50 });
		policy.record({ startedAt: -2, endedAt: -1, signal: 'overloaded', saturated: true });
		expect(limitsAfter(policy, [100, 100])).toEqual([5, 6]);
	});

	it('learns nothing from other failures, nor from tries that started before the window', () => {
		const policy = new AdaptiveLimit({ initial: 4, max: 50 });
		for (let i = 0; i < 10; i++) policy.record({ startedAt: i, endedAt: i + 5000, signal: 'other', saturated: true });
		expect(policy.limit).toBe(4);
		answerWindow(policy, { now: 0 }, 100);
		expect(policy.limit).toBe(8);
		// Started at 0, before the window that began at 400: sent at the old limit.
		for (let i = 0; i < 20; i++) policy.record({ startedAt: 0, endedAt: 10_000, signal: 'answered', saturated: true });
		expect(policy.limit).toBe(8);
	});

	it('judges each kind of request against its own floor: fast lookups then slow creates are no queue', () => {
		// "If Instance Already Exists" other than Create Another: each item looks its name up (100 ms),
		// then creates (1000 ms). The first window holds lookups only.
		const policy = new AdaptiveLimit({ initial: 4, max: 50 });
		const answer = answering(policy);
		for (let i = 0; i < 4; i++) answer('GET /instances', 100);
		expect(policy.limit).toBe(8);
		for (let i = 0; i < 40; i++) answer(i % 2 ? 'POST /instances' : 'GET /instances', i % 2 ? 1000 : 100);
		expect(policy.limit).toBeGreaterThan(8);
	});

	it("weighs each kind by its time: a lookup's few milliseconds of jitter, many times its floor, are no queue", () => {
		// An Idempotency Key: each item looks its key up (a 1 ms floor) and creates (200 ms). The lookups
		// now take 5 ms, five times their floor, while the creates stay at theirs: the service has no queue.
		const policy = new AdaptiveLimit({ initial: 16, max: 50 });
		const answer = answering(policy);
		for (let i = 0; i < 16; i++) answer(i % 2 ? 'POST /instances' : 'GET /instances', i % 2 ? 200 : 1);
		expect(policy.limit).toBe(32);
		for (let i = 0; i < 32; i++) answer(i % 2 ? 'POST /instances' : 'GET /instances', i % 2 ? 200 : 5);
		expect(policy.limit).toBe(50);
	});

	it('starts no higher than its maximum', () => {
		expect(new AdaptiveLimit({ initial: 4, max: 2 }).limit).toBe(2);
	});
});

describe('trySignal', () => {
	const failure = (fields: object): Outcome => ({ failure: { maybeApplied: false, ...fields } });
	it.each<[string, Outcome | undefined, TrySignal]>([
		['an answer', { body: {}, headers: {} }, 'answered'],
		['no outcome (the send threw)', undefined, 'other'],
		['429', failure({ status: 429 }), 'overloaded'],
		['503', failure({ status: 503 }), 'overloaded'],
		['504', failure({ status: 504, maybeApplied: true }), 'overloaded'],
		['a timeout', failure({ networkMessage: 'no answer within 5 ms', timedOut: true, maybeApplied: true }), 'overloaded'],
		['400', failure({ status: 400 }), 'other'],
		['502', failure({ status: 502, maybeApplied: true }), 'other'],
		['a reset', failure({ networkMessage: 'socket hang up', maybeApplied: true }), 'other'],
	])('%s is %s', (_name, outcome, signal) => {
		expect(trySignal(outcome)).toBe(signal);
	});
});

/** Lets every promise that can settle now do so. */
const settled = async () => await sleep(0);

describe('ConcurrencyLimiter', () => {
	it('holds back a try while as many as the limit are out, until one ends: a retry after a cut waits its turn', async () => {
		const policy = { limit: 2, record: () => undefined };
		const limiter = new ConcurrencyLimiter(policy);
		const first = await limiter.tryStarted();
		await limiter.tryStarted();
		policy.limit = 1;
		let third = false;
		const waiting = limiter.tryStarted().then(() => (third = true));
		await settled();
		limiter.tryEnded(first, 'POST /instances', { body: {}, headers: {} });
		await settled();
		// One still out: at the new limit of 1, no room yet.
		expect(third).toBe(false);
		limiter.tryEnded(first, 'POST /instances', { body: {}, headers: {} });
		await waiting;
		expect(third).toBe(true);
	});

	it('waits for `ready` (the shared pause) holding its place, and gives the place back if it throws', async () => {
		const limiter = new ConcurrencyLimiter(fixedLimit(1));
		let pauseOver!: () => void;
		const paused = limiter.tryStarted(async () => await new Promise<void>((resolve) => (pauseOver = resolve)));
		let second = false;
		const next = limiter.tryStarted().then(() => (second = true));
		await settled();
		// The paused try holds the one place: nothing overtakes the pause.
		expect(second).toBe(false);
		pauseOver();
		limiter.tryEnded(await paused, 'POST /instances');
		await next;
		limiter.tryEnded(0, 'POST /instances');
		await expect(limiter.tryStarted(async () => await Promise.reject(new Error('stopped')))).rejects.toThrow('stopped');
		// The place the throwing try took is free again.
		let third = false;
		void limiter.tryStarted().then(() => (third = true));
		await settled();
		expect(third).toBe(true);
	});

	it('lets at most the limit in, and each release lets one waiting item in', async () => {
		const limiter = new ConcurrencyLimiter(fixedLimit(2));
		const entered: number[] = [];
		const enter = (n: number) => limiter.acquire().then(() => entered.push(n));
		const all = [enter(1), enter(2), enter(3), enter(4)];
		await settled();
		expect(entered).toEqual([1, 2]);
		limiter.release();
		limiter.release();
		await Promise.all(all);
		expect(entered).toEqual([1, 2, 3, 4]);
	});

	it("feeds the policy each try's latency and signal, and whether the limit was in use", async () => {
		const samples: unknown[] = [];
		let now = 100;
		const limiter = new ConcurrencyLimiter({ limit: 1, record: (sample) => samples.push(sample) }, () => now);
		const startedAt = await limiter.tryStarted();
		now = 350;
		limiter.tryEnded(startedAt, 'POST /instances', { failure: { status: 429, maybeApplied: false } });
		await limiter.acquire();
		limiter.tryEnded(await limiter.tryStarted(), 'GET /instances', { body: {}, headers: {} });
		expect(samples).toEqual([
			{ startedAt: 100, endedAt: 350, signal: 'overloaded', saturated: false, kind: 'POST /instances' },
			{ startedAt: 350, endedAt: 350, signal: 'answered', saturated: true, kind: 'GET /instances' },
		]);
	});
});
