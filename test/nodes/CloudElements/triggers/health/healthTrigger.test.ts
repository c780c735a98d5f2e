import type { IDataObject } from 'n8n-workflow';

import { call } from '../../../../harness/api';
import { useFakeCloudElements } from '../../../../harness/fake';
import { createInstances } from '../../../../harness/instances';
import { fakeCredentials } from '../../../../harness/provision';
import { triggerWorkflow, type TriggerWorkflow } from '../../../../harness/triggers';

const handle = useFakeCloudElements({ maxPageSize: 5 });

const open: TriggerWorkflow[] = [];
afterEach(async () => {
	await Promise.all(open.splice(0).map(async (workflow) => await workflow.close()));
});

async function healthTrigger(parameters: IDataObject = {}): Promise<TriggerWorkflow> {
	const trigger = await triggerWorkflow({
		type: 'cloudElementsHealthTrigger',
		parameters: { events: ['needsAttention', 'recovered', 'created', 'deleted'], ...parameters },
		credentials: { cloudElementsApi: fakeCredentials(handle.fake) },
	});
	open.push(trigger);
	return trigger;
}

const changes = (result: Awaited<ReturnType<TriggerWorkflow['poll']>>) =>
	result === null ? null : result[0].map(({ json }) => [json.change, json.id]);

describe('Cloud Elements Instance Health Trigger', () => {
	it('records on the first poll and emits nothing; then emits each change once', async () => {
		const [a, b, c] = await createInstances(handle.fake, [
			{ element: 'autopilot', name: 'A' },
			{ element: 'autopilot', name: 'B' },
			{ element: 'pardot', name: 'C' },
		]);
		handle.fake.breakInstance(c.id);
		const workflow = await healthTrigger();
		expect(await workflow.poll()).toBeNull();

		handle.fake.breakInstance(a.id);
		handle.fake.breakInstance(c.id, { disabled: false, valid: true });
		await call(handle.fake, `/instances/${b.id}`, { method: 'DELETE' });
		const [d] = await createInstances(handle.fake, [{ element: 'autopilot', name: 'D' }]);
		expect(changes(await workflow.poll())).toEqual([
			['needsAttention', a.id],
			['recovered', c.id],
			['created', d.id],
			['deleted', b.id],
		]);
		expect(await workflow.poll()).toBeNull();
	});

	it('outputs the instance as List simplifies it, without its token, with its health', async () => {
		const [a] = await createInstances(handle.fake, [{ element: 'autopilot', name: 'Acme', tags: ['customer:acme'] }]);
		const workflow = await healthTrigger();
		await workflow.poll();
		handle.fake.breakInstance(a.id, { disabled: false, valid: false });
		const result = await workflow.poll();
		expect(result?.[0][0].json).toEqual({
			change: 'needsAttention',
			id: a.id,
			name: 'Acme',
			elementKey: 'autopilot',
			tags: ['customer:acme'],
			createdDate: a.createdDate,
			valid: false,
			disabled: false,
		});
		expect(JSON.stringify(result)).not.toContain(a.token);
	});

	it('emits only the changes chosen', async () => {
		const [a, b] = await createInstances(handle.fake, [
			{ element: 'autopilot', name: 'A' },
			{ element: 'autopilot', name: 'B' },
		]);
		handle.fake.breakInstance(b.id);
		const workflow = await healthTrigger({ events: ['needsAttention'] });
		await workflow.poll();
		handle.fake.breakInstance(a.id);
		handle.fake.breakInstance(b.id, { disabled: false, valid: true });
		await createInstances(handle.fake, [{ element: 'autopilot', name: 'C' }]);
		expect(changes(await workflow.poll())).toEqual([['needsAttention', a.id]]);
	});

	it('pages through every instance, filtered by element and tags', async () => {
		const specs = Array.from({ length: 12 }, (_, n) => ({
			element: n % 2 === 0 ? ('autopilot' as const) : ('pardot' as const),
			name: `I${n}`,
			tags: n < 8 ? ['watched'] : [],
		}));
		const created = await createInstances(handle.fake, specs);
		const workflow = await healthTrigger({ filters: { element: { mode: 'list', value: 'autopilot' }, tags: ['watched'] } });
		await workflow.poll();
		for (const instance of created) handle.fake.breakInstance(instance.id);
		const expected = created.filter((_, n) => n % 2 === 0 && n < 8).map((instance) => ['needsAttention', instance.id]);
		expect(changes(await workflow.poll())).toEqual(expected);
		const pages = handle.fake.requests.filter((request) => request.method === 'GET' && request.path === '/instances');
		expect(pages.at(-1)?.query['tags[]']).toBe('watched');
		expect(pages.length).toBeGreaterThanOrEqual(4);
	});

	it('after the filters change, the next poll only records: instances it did not watch are not new ones', async () => {
		const [, b] = await createInstances(handle.fake, [
			{ element: 'autopilot', name: 'A', tags: ['watched'] },
			{ element: 'pardot', name: 'B' },
		]);
		const workflow = await healthTrigger({ filters: { tags: ['watched'] } });
		await workflow.poll();
		workflow.node.parameters.filters = {};
		expect(await workflow.poll()).toBeNull();
		handle.fake.breakInstance(b.id);
		expect(changes(await workflow.poll())).toEqual([['needsAttention', b.id]]);
	});

	it('a failed poll throws and changes nothing of the record', async () => {
		const [a] = await createInstances(handle.fake, [{ element: 'autopilot', name: 'A' }]);
		const workflow = await healthTrigger();
		await workflow.poll();
		const recorded = JSON.stringify(workflow.staticData);
		handle.fake.breakInstance(a.id);
		handle.fake.inject({ method: 'GET', path: '/instances', status: 500, body: { message: 'Database unavailable' } });
		await expect(workflow.poll()).rejects.toThrow('Database unavailable');
		expect(JSON.stringify(workflow.staticData)).toBe(recorded);
		expect(changes(await workflow.poll())).toEqual([['needsAttention', a.id]]);
	});

	it('a test run in the editor shows the instances needing attention now, and records nothing', async () => {
		const [, b] = await createInstances(handle.fake, [
			{ element: 'autopilot', name: 'A' },
			{ element: 'autopilot', name: 'B' },
		]);
		handle.fake.breakInstance(b.id);
		const workflow = await healthTrigger();
		expect(changes(await workflow.poll('manual'))).toEqual([['needsAttention', b.id]]);
		expect(workflow.staticData).toEqual({});
	});

	it('keeps 10 000 instances in well under 1 MB of static data', async () => {
		const many = Array.from({ length: 10_000 }, (_, n) => ({ id: 100_000 + n, valid: n % 7 !== 0, disabled: false }));
		handle.fake.inject({ method: 'GET', path: '/instances', status: 200, body: many as unknown as IDataObject });
		const workflow = await healthTrigger();
		expect(await workflow.poll()).toBeNull();
		expect(Object.keys(workflow.staticData.instances)).toHaveLength(10_000);
		expect(JSON.stringify(workflow.staticData).length).toBeLessThan(200_000);
	});

	it('names a wrong filter', async () => {
		const workflow = await healthTrigger({ filters: { tags: [{ not: 'text' }] } });
		await expect(workflow.poll()).rejects.toThrow('Invalid trigger settings: Tags entry 1 must be text');
	});
});
