import { useFakeCloudElements } from '../../../harness/fake';
import { runProvision } from '../../../harness/provision';

const ctx = useFakeCloudElements();

// Three customers: the second has no user key, the third is one Cloud Elements rejects.
const customers = [
	{ company: 'acme', userKey: 'acme-user-key' },
	{ company: 'globex', userKey: '' },
	{ company: 'initech', userKey: 'initech-user-key' },
];

const parameters = {
	operation: 'provisionPardot',
	instanceName: '={{ $json.company }}',
	pardotUsername: 'ops@example.com',
	pardotPassword: 'shared-password-value',
	pardotUserKey: '={{ $json.userKey }}',
};

describe('one output item per input item', () => {
	it('with On Error: Continue, puts each failure in its item\'s place and provisions the rest', async () => {
		ctx.fake.inject({
			method: 'POST',
			path: '/instances',
			when: (request) => request.body?.name === 'acme',
			status: 400,
			body: { message: 'Failed to connect to Pardot: invalid user key' },
		});
		const { status, items, requests } = await runProvision({
			fake: ctx.fake,
			items: customers,
			parameters,
			onError: 'continueRegularOutput',
		});

		expect(status).toBe('success');
		expect(requests.map((request) => request.body.name)).toEqual(['acme', 'initech']);
		expect(items).toHaveLength(3);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);

		expect(items[0].json.error).toBe('Cloud Elements answered 400: Failed to connect to Pardot: invalid user key');
		expect(items[1].json.error).toBe(
			'Missing or invalid Pardot fields: User Key (apikey.user.key) is missing [item 1]',
		);
		expect(items[2].json).toMatchObject({ name: 'initech', id: ctx.fake.instances[0].id });
		expect(items[2].json.token).toBe(ctx.fake.instances[0].token);
	});

	it('without it, stops before sending anything when an item is invalid', async () => {
		const { status, error, requests } = await runProvision({ fake: ctx.fake, items: customers, parameters });
		expect(status).toBe('error');
		expect(error.message).toContain('[item 1]');
		expect(requests).toHaveLength(0);
		expect(ctx.fake.instances).toHaveLength(0);
	});

	it('with On Error: Continue (error output), routes failures to the error branch, paired', async () => {
		const { status, run } = await runProvision({
			fake: ctx.fake,
			items: customers,
			parameters,
			onError: 'continueErrorOutput',
		});
		expect(status).toBe('success');
		const [success, failure] = run.data.resultData.runData['Cloud Elements Provision'][0].data!.main;
		expect(success!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(failure!.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(failure![0].json.error).toContain('User Key (apikey.user.key) is missing');
	});
});

describe('bounded concurrency', () => {
	const many = Array.from({ length: 8 }, (_, index) => ({ company: `customer-${index}`, userKey: `key-${index}` }));

	it.each([1, 3, 8])('Concurrency %i: never more requests in flight than that, output in input order', async (concurrency) => {
		// The first customer answers slowest: order must still follow the input.
		ctx.fake.inject({ method: 'POST', when: (request) => request.body?.name === 'customer-0', delayMs: 300 });
		ctx.fake.inject({ method: 'POST', delayMs: 150, times: 7 });
		const { items } = await runProvision({ fake: ctx.fake, items: many, parameters: { ...parameters, options: { concurrency } } });

		expect(ctx.fake.peakInFlight).toBe(concurrency);
		expect(items.map((item) => item.json.name)).toEqual(many.map((customer) => customer.company));
		expect(items.map((item) => item.pairedItem)).toEqual(many.map((_, item) => ({ item })));
	});

	it('without On Error: Continue, sends nothing after the first failed item, as a one-at-a-time loop would', async () => {
		ctx.fake.inject({
			method: 'POST',
			when: (request) => request.body?.name === 'customer-1',
			status: 400,
			body: { message: 'Failed to connect to Pardot' },
		});
		const { error, requests } = await runProvision({
			fake: ctx.fake,
			items: many,
			parameters: { ...parameters, options: { concurrency: 1 } },
		});

		expect(error.message).toBe('Cloud Elements answered 400: Failed to connect to Pardot');
		expect(error.context.itemIndex).toBe(1);
		// A rerun after fixing customer-1 creates customers 2 to 7 once, not twice.
		expect(requests.map((request) => request.body.name)).toEqual(['customer-0', 'customer-1']);
		expect(ctx.fake.instances.map((instance: { name: string }) => instance.name)).toEqual(['customer-0']);
	});

	it('without On Error: Continue, waits for the items in flight and names every instance the run created', async () => {
		ctx.fake.inject({
			method: 'POST',
			when: (request) => request.body?.name === 'customer-0',
			status: 400,
			body: { message: 'Failed to connect to Pardot' },
			delayMs: 100,
			times: 1,
		});
		// Still in flight when customer-0 is rejected.
		ctx.fake.inject({ method: 'POST', when: (request) => request.body?.name !== 'customer-0', delayMs: 400, times: 3 });
		const eight = many.slice(0, 8);
		const first = await runProvision({ fake: ctx.fake, items: eight, parameters: { ...parameters, options: { concurrency: 4 } } });

		expect(first.error.message).toBe('Cloud Elements answered 400: Failed to connect to Pardot');
		const created = ctx.fake.instances as Array<{ id: number; name: string }>;
		expect(created.map((instance) => instance.name).sort()).toEqual(['customer-1', 'customer-2', 'customer-3']);
		for (const instance of created) {
			const itemIndex = Number(instance.name.split('-')[1]);
			expect(first.error.description).toContain(`item ${itemIndex} "${instance.name}" (ID ${instance.id})`);
		}
		expect(first.error.description).toContain('Retry this execution (executions list, where n8n saved it)');

		// The retry the error advises creates each customer once and outputs the three as created.
		const retried = await first.retry();
		expect(retried.status).toBe('success');
		const names = ctx.fake.instances.map((instance: { name: string }) => instance.name).sort();
		expect(names).toEqual(eight.map((item) => item.company).sort());
		for (const instance of created) {
			expect(retried.items[Number(instance.name.split('-')[1])].json).toMatchObject({ id: instance.id, provisionAction: 'created' });
		}
	});

	it('with On Error: Continue, an invalid option fails every item in its place instead of passing the input on', async () => {
		const { status, items, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ company: 'acme', userKey: 'acme-user-key', vaultPassword: 'pardot-password-value' }, { company: 'globex' }],
			parameters: { ...parameters, options: { concurrency: -1 } },
			onError: 'continueRegularOutput',
		});

		expect(status).toBe('success');
		expect(requests).toHaveLength(0);
		expect(items).toEqual([
			expect.objectContaining({ json: { error: 'Invalid options: Concurrency must be a whole number from 0 (Auto) to 50' }, pairedItem: { item: 0 } }),
			expect.objectContaining({ json: { error: 'Invalid options: Concurrency must be a whole number from 0 (Auto) to 50' }, pairedItem: { item: 1 } }),
		]);
		expect(JSON.stringify(items)).not.toContain('pardot-password-value');
	});
});

describe('Concurrency Auto (the default), against a service of bounded capacity', () => {
	const customersFor = (count: number) => Array.from({ length: count }, (_, index) => ({ company: `customer-${index}`, userKey: `key-${index}` }));
	const names = (list: Array<{ name: string }>) => list.map((entry) => entry.name);

	it('raises the limit above its start of 4 without a 429 storm; output in input order, each customer created once', async () => {
		// 4 served at once, 28 more queue (their latency grows), the 33rd at once is told 429. The latency
		// shows the queue long before the rejections: 2.5× the service time at 16 in flight.
		ctx.fake.limitCapacity({ slots: 4, serviceMs: 80, jitterMs: 8, queue: 28, retryAfterS: 0 });
		const input = customersFor(120);
		const { status, items } = await runProvision({ fake: ctx.fake, items: input, parameters });

		expect(status).toBe('success');
		expect(items.map((item) => item.json.name)).toEqual(input.map((customer) => customer.company));
		expect(items.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
		const seen = ctx.fake.capacity!;
		expect(seen.peakConcurrent).toBeGreaterThan(4);
		// It read the queue from the latency: it never filled the 32 places before the 429s.
		expect(seen.peakConcurrent).toBeLessThanOrEqual(24);
		// A storm is dozens: every doubling past 32 in flight is rejected in full.
		expect(seen.rejected).toBeLessThanOrEqual(8);
		expect(seen.served).toBe(input.length);
		expect(names(ctx.fake.instances).sort()).toEqual(input.map((customer) => customer.company).sort());
	});

	it('halves at a 429: a service that queues nothing rejects few tries, and every item still succeeds once', async () => {
		ctx.fake.limitCapacity({ slots: 3, serviceMs: 30, jitterMs: 3, queue: 0, retryAfterS: 0 });
		const input = customersFor(60);
		const { status, items } = await runProvision({ fake: ctx.fake, items: input, parameters, onError: 'continueRegularOutput' });

		expect(status).toBe('success');
		expect(items.filter((item) => item.json.error)).toEqual([]);
		expect(ctx.fake.capacity!.rejected).toBeLessThanOrEqual(input.length / 5);
		expect(names(ctx.fake.instances).sort()).toEqual(input.map((customer) => customer.company).sort());
	});

	it('stops past the limit: no maximum set, it never has more than Max Concurrency (Auto) in flight', async () => {
		// Long enough service that six tries overlap at the fake even on a slow machine.
		ctx.fake.limitCapacity({ slots: 50, serviceMs: 100, queue: 0 });
		const input = customersFor(80);
		const { status } = await runProvision({ fake: ctx.fake, items: input, parameters: { ...parameters, options: { maxConcurrency: 6 } } });

		expect(status).toBe('success');
		expect(ctx.fake.capacity!.peakConcurrent).toBe(6);
	});

	it('without On Error: Continue, starts no item after the first failure, as at a fixed limit', async () => {
		ctx.fake.inject({ method: 'POST', when: (request) => request.body?.name === 'customer-0', status: 400, body: { message: 'Failed to connect to Pardot' } });
		// Still in flight when customer-0 is rejected.
		ctx.fake.inject({ method: 'POST', delayMs: 300, times: 3 });
		const { error, requests } = await runProvision({ fake: ctx.fake, items: customersFor(40), parameters });

		expect(error.message).toBe('Cloud Elements answered 400: Failed to connect to Pardot');
		// Auto starts with 4 in flight; nothing after them.
		expect(names(requests.map((request) => request.body)).sort()).toEqual(['customer-0', 'customer-1', 'customer-2', 'customer-3']);
	});
});
