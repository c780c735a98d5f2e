import { call } from '../harness/api';
import { useFakeCloudElements } from '../harness/fake';

// The capacity-limited mode: the shape of a saturated service, which the adaptive concurrency tests run against.

const ctx = useFakeCloudElements();

const create = (name: string) =>
	call(ctx.fake, '/instances', { method: 'POST', body: { element: { key: 'autopilot' }, configuration: { 'api.key': 'k' }, name } });

describe('capacity-limited creates', () => {
	it('serves `slots` at once, queues up to `queue` more, and rejects the rest at once with 429', async () => {
		// Long enough a service time that all six have arrived before the first is served.
		ctx.fake.limitCapacity({ slots: 2, serviceMs: 1000, queue: 2 });
		const answers = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map(create));

		expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 429, 429]);
		expect(answers.find((answer) => answer.status === 429)!.body.message).toBe('Too many requests: 2 creates in progress and 2 waiting');
		expect(ctx.fake.capacity).toMatchObject({ served: 4, rejected: 2, failed: 0, peakActive: 2, peakQueued: 2, peakConcurrent: 4 });
		expect(ctx.fake.capacity!.servedAt).toHaveLength(4);
		expect(ctx.fake.instances).toHaveLength(4);
	});

	it('says when to come back (Retry-After), or answers 503 when set so', async () => {
		ctx.fake.limitCapacity({ slots: 1, serviceMs: 1000, queue: 0, rejectStatus: 503, retryAfterS: 2 });
		const [, second] = await Promise.all(['x', 'y'].map(create));
		expect(second.status).toBe(503);
		expect(second.headers.get('retry-after')).toBe('2');
	});

	it('counts a create it served with an error apart, and leaves other calls alone', async () => {
		ctx.fake.limitCapacity({ slots: 1, serviceMs: 10, queue: 0 });
		expect((await call(ctx.fake, '/instances', { method: 'POST', body: { element: { key: 'autopilot' }, name: 'x' } })).status).toBe(400);
		expect((await call(ctx.fake, '/instances')).status).toBe(200);
		expect(ctx.fake.capacity).toMatchObject({ served: 0, failed: 1, rejected: 0 });
	});

	it('is off again after a reset', async () => {
		ctx.fake.limitCapacity({ slots: 1, serviceMs: 10, queue: 0 });
		ctx.fake.reset();
		expect((await Promise.all(['a', 'b', 'c'].map(create))).map((answer) => answer.status)).toEqual([200, 200, 200]);
		expect(ctx.fake.capacity).toBeUndefined();
	});
});

describe('requestCount (the bench reads requests per item from it)', () => {
	it('counts every request, rejected ones and lookups too, until a reset', async () => {
		ctx.fake.limitCapacity({ slots: 1, serviceMs: 200, queue: 0 });
		await Promise.all(['a', 'b'].map(create));
		await call(ctx.fake, '/instances');

		expect(ctx.fake.requestCount).toBe(3);
		ctx.fake.reset();
		expect(ctx.fake.requestCount).toBe(0);
	});
});
