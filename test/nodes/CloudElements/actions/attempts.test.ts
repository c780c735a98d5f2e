import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Fault, RecordedRequest } from '../../../fake-api/server';
import { useFakeCloudElements } from '../../../harness/fake';
import { createInstances } from '../../../harness/instances';
import { INPUT_NODE_TYPE, nodeTypeName, runWorkflow } from '../../../harness/engine';
import { fakeCredentials, NODE_NAME, runProvision, type ProvisionRun } from '../../../harness/provision';

/**
 * n8n's own retries: Retry On Fail (n8n calls execute() again with the same
 * items, execution ID and run index) and "Retry" of a failed execution from
 * the executions list (mode `retry`, a new execution ID, the saved run data).
 * Each case is compared with one clean run of the same workflow (the oracle):
 * the same instances at the fake, the same output per item, and no create,
 * delete or patch beyond the oracle's and the refused ones.
 */

const ctx = useFakeCloudElements();

const customers = Array.from({ length: 6 }, (_, index) => ({ name: `customer-${index}`, apiKey: `autopilot-key-${index}` }));
const autopilot = (ifExists: string, options: IDataObject = {}) => ({
	operation: 'provisionAutopilot',
	instanceName: '={{ $json.name }}',
	autopilotApiKey: '={{ $json.apiKey }}',
	tags: ['onboarding'],
	ifExists,
	options,
});
// n8n clamps Wait Between Tries to at least 0 ms, but reads 0 as its default of 1000 ms.
const retryOnFail = (maxTries: number) => ({ retryOnFail: true, maxTries, waitBetweenTries: 1 });
const continueOnError = 'continueRegularOutput' as const;

/** A 400 for this customer's create, `times` times (the fake's default: once). */
const refuse = (name: string, times = 1): Fault => ({
	method: 'POST',
	when: (request) => request.body?.name === name,
	status: 400,
	body: { message: 'Invalid API key' },
	times,
});

const writes = (requests: RecordedRequest[]) => ({
	POST: requests.filter((request) => request.method === 'POST').length,
	PATCH: requests.filter((request) => request.method === 'PATCH').length,
	DELETE: requests.filter((request) => request.method === 'DELETE').length,
});

/** What the account holds, as a person would compare it: names, elements, configuration and tags (markers aside). */
function accountState() {
	return ctx.fake.instances
		.map((instance) => ({
			name: instance.name,
			element: instance.element.key,
			configuration: instance.configuration,
			tags: (instance.tags as string[]).filter((tag) => !tag.startsWith('n8n-provision:')),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Each output item as the next node sees it: its customer and what was done,
 * or the error; and its id and token are those of the account's instance of
 * that name (paired, nothing stale).
 */
function outputs(run: ProvisionRun) {
	return run.items.map((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		if (item.json.error) return { error: item.json.error };
		const instance = ctx.fake.instances.find((candidate) => candidate.id === item.json.id);
		expect(instance).toBeDefined();
		expect(item.json.token).toBe(instance.token);
		return { name: item.json.name, provisionAction: item.json.provisionAction };
	});
}

interface Scenario {
	ifExists: string;
	concurrency: number;
	/** Customers with an instance of their name before the run. */
	existing: number[];
	onError?: typeof continueOnError;
}

/** One clean run of the scenario on an empty account: what every retried run must end with. */
async function oracle(scenario: Scenario) {
	ctx.fake.reset();
	await createInstances(ctx.fake, scenario.existing.map((index) => ({ element: 'autopilot', name: `customer-${index}` })));
	const run = await runProvision({
		fake: ctx.fake,
		items: customers,
		parameters: autopilot(scenario.ifExists, { concurrency: scenario.concurrency }),
		onError: scenario.onError,
	});
	expect(run.status).toBe('success');
	const result = { state: accountState(), outputs: outputs(run), writes: writes(run.requests) };
	ctx.fake.reset();
	await createInstances(ctx.fake, scenario.existing.map((index) => ({ element: 'autopilot', name: `customer-${index}` })));
	return result;
}

/** The run left what the oracle's clean run left: the same account, the same output, no write beyond the refused create. */
function expectAsOracle(run: ProvisionRun, requests: RecordedRequest[], expected: Awaited<ReturnType<typeof oracle>>) {
	expect(run.status).toBe('success');
	expect(accountState()).toEqual(expected.state);
	expect(outputs(run)).toEqual(expected.outputs);
	expect(writes(requests)).toEqual({ ...expected.writes, POST: expected.writes.POST + 1 });
}

const policies = ['createAnother', 'returnExisting', 'updateConfiguration', 'replace', 'fail'];
const concurrencies = [1, 4, 0];
// Fail would fail the customers that exist; the retries must not make it fail those they created.
const existingFor = (ifExists: string) => (ifExists === 'fail' ? [] : [1, 3]);

describe("n8n's Retry On Fail takes over what the failed attempt did", () => {
	describe.each(policies)('If Instance Already Exists: %s', (ifExists) => {
		it.each(concurrencies)('stopping on error, Concurrency %i: customer-5 refused once', async (concurrency) => {
			const scenario = { ifExists, concurrency, existing: existingFor(ifExists) };
			const expected = await oracle(scenario);
			ctx.fake.inject(refuse('customer-5'));

			const run = await runProvision({
				fake: ctx.fake,
				items: customers,
				parameters: autopilot(ifExists, { concurrency }),
				settings: retryOnFail(2),
			});

			expectAsOracle(run, run.requests, expected);
		});

		it.each(concurrencies)('On Error: Continue, Concurrency %i: customer-0 (the first item) refused once', async (concurrency) => {
			const scenario = { ifExists, concurrency, existing: existingFor(ifExists), onError: continueOnError };
			const expected = await oracle(scenario);
			ctx.fake.inject(refuse('customer-0'));

			const run = await runProvision({
				fake: ctx.fake,
				items: customers,
				parameters: autopilot(ifExists, { concurrency }),
				onError: continueOnError,
				settings: retryOnFail(3),
			});

			expectAsOracle(run, run.requests, expected);
		});

		it.each(concurrencies)('Retry of the failed execution, Concurrency %i: customer-5 refused once', async (concurrency) => {
			const scenario = { ifExists, concurrency, existing: existingFor(ifExists) };
			const expected = await oracle(scenario);
			ctx.fake.inject(refuse('customer-5'));

			const failed = await runProvision({ fake: ctx.fake, items: customers, parameters: autopilot(ifExists, { concurrency }) });
			expect(failed.status).toBe('error');
			const retried = await failed.retry();

			expectAsOracle(retried, [...failed.requests, ...retried.requests], expected);
		});
	});
});

describe('the cases of the issue, 6 Autopilot customers', () => {
	it('Retry On Fail (2 tries), customer-5 refused once: 6 instances, 7 creates', async () => {
		ctx.fake.inject(refuse('customer-5'));
		const run = await runProvision({ fake: ctx.fake, items: customers, parameters: autopilot('createAnother'), settings: retryOnFail(2) });

		expect(run.status).toBe('success');
		expect(ctx.fake.instances).toHaveLength(6);
		expect(writes(run.requests).POST).toBe(7);
		// The five of the first attempt are read back: one GET each. customer-5 looks for its marker before its
		// create and once after it, as after any create that may have been carried out late.
		expect(run.requests.filter((request) => request.method === 'GET')).toHaveLength(5 + 2);
	});

	it("Retry On Fail (3 tries), Concurrency 1, one Cloud Elements JSON 500: 6 instances", async () => {
		ctx.fake.inject({ method: 'POST', when: (request) => request.body?.name === 'customer-3', status: 500, body: { message: 'Provider error' }, times: 1 });
		const run = await runProvision({
			fake: ctx.fake,
			items: customers,
			parameters: autopilot('createAnother', { concurrency: 1 }),
			settings: retryOnFail(3),
		});

		expect(run.status).toBe('success');
		expect(ctx.fake.instances.map((instance) => instance.name)).toEqual(customers.map((customer) => customer.name));
	});

	it('On Error: Continue + Retry On Fail (3 tries), customer-0 refused every time: 5 instances, customer-0 fails in its place', async () => {
		ctx.fake.inject(refuse('customer-0', Infinity));
		const run = await runProvision({
			fake: ctx.fake,
			items: customers,
			parameters: autopilot('createAnother'),
			onError: continueOnError,
			settings: retryOnFail(3),
		});

		expect(run.status).toBe('success');
		expect(ctx.fake.instances).toHaveLength(5);
		expect(writes(run.requests).POST).toBe(3 + 5);
		expect(run.items[0].json.error).toBe('Cloud Elements answered 400: Invalid API key');
		expect(outputs(run).slice(1)).toEqual(customers.slice(1).map(({ name }) => ({ name, provisionAction: 'created' })));
	});

	it('Replace + Retry On Fail, 3 customers already had an instance: their old ones deleted once, nothing made twice', async () => {
		await createInstances(ctx.fake, [0, 1, 5].map((index) => ({ element: 'autopilot', name: `customer-${index}` })));
		// customer-5's old instance is deleted before its create is refused: the retry creates it, as a replacement.
		ctx.fake.inject(refuse('customer-5'));
		const run = await runProvision({ fake: ctx.fake, items: customers, parameters: autopilot('replace'), settings: retryOnFail(2) });

		expect(run.status).toBe('success');
		expect(writes(run.requests)).toEqual({ POST: 7, PATCH: 0, DELETE: 3 });
		expect(ctx.fake.instances).toHaveLength(6);
		expect(outputs(run).map((output) => output.provisionAction)).toEqual(['replaced', 'replaced', 'created', 'created', 'created', 'replaced']);
	});

	it('Update Configuration + Retry On Fail: an instance patched by the first attempt is not patched again', async () => {
		await createInstances(ctx.fake, [{ element: 'autopilot', name: 'customer-1' }]);
		ctx.fake.inject(refuse('customer-5'));
		const run = await runProvision({
			fake: ctx.fake,
			items: customers,
			parameters: autopilot('updateConfiguration', { concurrency: 1 }),
			settings: retryOnFail(2),
		});

		expect(run.status).toBe('success');
		expect(writes(run.requests)).toEqual({ POST: 6, PATCH: 1, DELETE: 0 });
		expect(run.items[1].json).toMatchObject({ name: 'customer-1', provisionAction: 'updated' });
	});

	it('a create whose answer was lost, and whose instance appeared only after the attempt gave up, is taken over by the next', async () => {
		// A gateway's 504, the create carried out 300 ms later; the node looks for it no longer than 0 ms.
		ctx.fake.inject({ method: 'POST', when: (request) => request.body?.name === 'customer-2', status: 504, processAfterMs: 300, times: 1 });
		const run = await runProvision({
			fake: ctx.fake,
			items: customers.slice(0, 3),
			parameters: autopilot('createAnother', { maxTries: 1, lookWindowMs: 0 }),
			settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 600 },
		});

		expect(run.status).toBe('success');
		expect(ctx.fake.instances.map((instance) => instance.name).sort()).toEqual(['customer-0', 'customer-1', 'customer-2']);
		expect(outputs(run)[2]).toEqual({ name: 'customer-2', provisionAction: 'created' });
	});

	it("a lost create that lands while the next attempt's create is under way: the first is kept, the copy deleted", async () => {
		// Attempt 1: a 504, the create carried out 400 ms later. Attempt 2 (100 ms on) finds nothing yet
		// and creates again, its answer held 600 ms: by then the late one exists too.
		const isCustomer2 = (request: RecordedRequest) => request.body?.name === 'customer-2';
		ctx.fake.inject({ method: 'POST', when: isCustomer2, status: 504, processAfterMs: 400, times: 1 });
		ctx.fake.inject({ method: 'POST', when: isCustomer2, delayMs: 600, times: 1 });
		const run = await runProvision({
			fake: ctx.fake,
			items: customers.slice(0, 3),
			parameters: autopilot('createAnother', { maxTries: 1, lookWindowMs: 0 }),
			settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 100 },
		});

		expect(run.status).toBe('success');
		expect(ctx.fake.instances.map((instance) => instance.name).sort()).toEqual(['customer-0', 'customer-1', 'customer-2']);
		expect(writes(run.requests)).toEqual({ POST: 4, PATCH: 0, DELETE: 1 });
		expect(outputs(run)[2]).toEqual({ name: 'customer-2', provisionAction: 'created' });
	});

	it('a node that runs twice in one execution keeps each run to itself', async () => {
		// Two sources feed the node: it runs once for each. The first run ends with an error as its first
		// item (On Error: Continue), so its record stays; the second run's items are other customers.
		ctx.fake.inject(refuse('customer-0'));
		const type = await nodeTypeName('cloudElementsProvision');
		const source = (name: string, items: object[]) => ({
			id: name,
			name,
			type: INPUT_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: { items: JSON.stringify(items) },
		});
		const to = (node: string) => ({ main: [[{ node, type: 'main' as const, index: 0 }]] });
		const later = customers.map((customer) => ({ ...customer, name: `later-${customer.name}` }));
		const result = await runWorkflow({
			nodes: [
				source('Start', [{}]),
				source('First', customers.slice(0, 3)),
				source('Second', later.slice(0, 3)),
				{
					id: 'ce',
					name: NODE_NAME,
					type,
					typeVersion: 1,
					position: [200, 0],
					parameters: autopilot('createAnother') as INodeParameters,
					credentials: { cloudElementsApi: { id: 'ce', name: 'Cloud Elements account' } },
					onError: continueOnError,
				},
			],
			connections: {
				Start: { main: [[{ node: 'First', type: 'main', index: 0 }, { node: 'Second', type: 'main', index: 0 }]] },
				First: to(NODE_NAME),
				Second: to(NODE_NAME),
			},
			credentials: { cloudElementsApi: fakeCredentials(ctx.fake) },
		});

		const runs = result.run.data.resultData.runData[NODE_NAME];
		expect(runs).toHaveLength(2);
		expect(runs[1].data?.main[0]?.map((item) => item.json.name)).toEqual(later.slice(0, 3).map(({ name }) => name));
		expect(ctx.fake.instances.map((instance) => instance.name).sort()).toEqual([
			'customer-1',
			'customer-2',
			'later-customer-0',
			'later-customer-1',
			'later-customer-2',
		]);
	});

	it('a successful run leaves no record of its attempts in the saved execution', async () => {
		const run = await runProvision({ fake: ctx.fake, items: customers, parameters: autopilot('createAnother') });
		const failed = await (async () => {
			ctx.fake.inject(refuse('customer-5'));
			return await runProvision({ fake: ctx.fake, items: customers, parameters: autopilot('createAnother') });
		})();

		const saved = (result: ProvisionRun) => JSON.stringify(result.run.data.executionData?.contextData ?? {});
		expect(saved(run)).not.toContain('provisionAttempts');
		expect(saved(failed)).toContain('provisionAttempts');
		expect(saved(await failed.retry())).not.toContain('provisionAttempts');
	});
});

describe.each([
	[
		'Provision Pardot Instance (a seed operation)',
		{
			operation: 'provisionPardot',
			instanceName: '={{ $json.name }}',
			pardotUsername: 'ops@acme.example',
			pardotPassword: 'pardot-password-value',
			pardotUserKey: '={{ $json.apiKey }}',
		},
	],
	[
		'Provision Mailjet Instance (a curated element)',
		{
			operation: 'provisionMailjetmarketing',
			instanceName: '={{ $json.name }}',
			mailjetmarketingApiKey: '={{ $json.apiKey }}',
			mailjetmarketingSecretKey: 'mailjet-secret-key-value',
		},
	],
	[
		'Provision Instance (Any Element)',
		{
			operation: 'provisionAnyElement',
			element: { __rl: true, mode: 'key', value: 'autopilot' },
			instanceName: '={{ $json.name }}',
			configurationSource: 'json',
			configurationJson: '={{ JSON.stringify({ "api.key": $json.apiKey }) }}',
		},
	],
])('%s, customer-5 refused once', (_, parameters) => {
	const eachCustomerOnce = (run: ProvisionRun) => {
		expect(run.status).toBe('success');
		expect(ctx.fake.instances.map((instance) => instance.name).sort()).toEqual(customers.map(({ name }) => name));
		expect(outputs(run)).toEqual(customers.map(({ name }) => ({ name, provisionAction: 'created' })));
	};

	it('Retry On Fail: each customer once, paired with its item', async () => {
		ctx.fake.inject(refuse('customer-5'));
		const run = await runProvision({ fake: ctx.fake, items: customers, parameters, settings: retryOnFail(2) });

		eachCustomerOnce(run);
		expect(writes(run.requests).POST).toBe(7);
	});

	it('Retry of the failed execution: each customer once, paired with its item', async () => {
		ctx.fake.inject(refuse('customer-5'));
		const failed = await runProvision({ fake: ctx.fake, items: customers, parameters });
		const retried = await failed.retry();

		eachCustomerOnce(retried);
		expect(writes([...failed.requests, ...retried.requests]).POST).toBe(7);
	});
});
