import { useFakeCloudElements } from '../../../../harness/fake';
import { createInstances } from '../../../../harness/instances';
import { runProvision } from '../../../../harness/provision';

const ctx = useFakeCloudElements();

const deleteById = (options = {}) => ({ operation: 'deleteInstance', instanceId: '={{ $json.id }}', options });

describe('Delete Instance', () => {
	it('deletes the instance and outputs { deleted: true, id }', async () => {
		const [acme, globex] = await createInstances(ctx.fake, [{ name: 'acme' }, { name: 'globex' }]);
		const { status, items, requests } = await runProvision({ fake: ctx.fake, items: [{ id: acme.id }], parameters: deleteById() });

		expect(status).toBe('success');
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'DELETE', path: `/instances/${acme.id}` });
		expect(items).toEqual([{ json: { deleted: true, id: acme.id }, pairedItem: { item: 0 } }]);
		expect(ctx.fake.instances.map((instance) => instance.id)).toEqual([globex.id]);
	});

	it('deletes one instance per input item, paired', async () => {
		const created = await createInstances(ctx.fake, [{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
		const { items } = await runProvision({
			fake: ctx.fake,
			items: [{ id: created[2].id }, { id: String(created[0].id) }],
			parameters: deleteById(),
		});
		expect(items.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ deleted: true, id: created[2].id }, { item: 0 }],
			[{ deleted: true, id: created[0].id }, { item: 1 }],
		]);
		expect(ctx.fake.instances.map((instance) => instance.name)).toEqual(['b']);
	});

	it('surfaces an unknown ID with Cloud Elements\' 404 message', async () => {
		const { error } = await runProvision({ fake: ctx.fake, items: [{ id: 4242 }], parameters: deleteById() });
		expect(error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '404',
			message: 'Cloud Elements answered 404: No instance found with ID 4242',
			context: { itemIndex: 0 },
		});
	});

	it('with On Error: Continue, deletes the rest and reports the failed one in its place', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme' }]);
		const { items } = await runProvision({
			fake: ctx.fake,
			items: [{ id: 4242 }, { id: acme.id }],
			parameters: deleteById(),
			onError: 'continueRegularOutput',
		});
		expect(items.map((item) => item.json)).toEqual([
			{ error: 'Cloud Elements answered 404: No instance found with ID 4242' },
			{ deleted: true, id: acme.id },
		]);
		expect(items[0].error).toMatchObject({ httpCode: '404', context: { itemIndex: 0 } });
		expect(items[0].error?.description).toContain('Check the element key or instance ID');
		expect(ctx.fake.instances).toEqual([]);
	});

	it('counts a delete whose answer was lost as done, not as the 404 a second DELETE would get', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme' }]);
		ctx.fake.inject({ method: 'DELETE', drop: 'after' });
		const { status, items, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ id: acme.id }],
			parameters: deleteById({ retryWaitMs: 5 }),
		});

		expect(status).toBe('success');
		expect(items[0].json).toEqual({ deleted: true, id: acme.id });
		// The retry looked first, found it gone, and sent no second DELETE.
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`DELETE /instances/${acme.id}`,
			`GET /instances/${acme.id}`,
		]);
		expect(ctx.fake.instances).toEqual([]);
	});

	it('sends the DELETE again when the lost try did not reach Cloud Elements', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme' }]);
		ctx.fake.inject({ method: 'DELETE', drop: 'before' });
		const { items, requests } = await runProvision({ fake: ctx.fake, items: [{ id: acme.id }], parameters: deleteById({ retryWaitMs: 5 }) });

		expect(items[0].json).toEqual({ deleted: true, id: acme.id });
		expect(requests.map((request) => request.method)).toEqual(['DELETE', 'GET', 'DELETE']);
		expect(ctx.fake.instances).toEqual([]);
	});
});
