import type { IDataObject } from 'n8n-workflow';

import { useFakeCloudElements } from '../../../../harness/fake';
import { createInstances } from '../../../../harness/instances';
import { runProvision } from '../../../../harness/provision';
import { leakedSecrets, shownByNode } from '../../../../harness/shown';

// Small pages, so finding the existing instance means following the pages.
const ctx = useFakeCloudElements({ maxPageSize: 2 });

const provision = (ifExists: string, extra: IDataObject = {}) => ({
	operation: 'provisionPardot',
	instanceName: '={{ $json.name }}',
	pardotUsername: 'ops@acme.example',
	pardotPassword: 'pardot-password-value',
	pardotUserKey: '={{ $json.userKey }}',
	tags: ['nightly'],
	ifExists,
	...extra,
});
const customer = { name: 'acme', userKey: 'fresh-user-key-value' };
const calls = (requests: Array<{ method: string; path: string }>) => requests.map((request) => `${request.method} ${request.path}`);
const named = (name: string) => ctx.fake.instances.filter((instance) => instance.name === name);

/** The customer's existing instance, behind others whose names contain its name. */
async function existingAcme() {
	const [, , acme] = await createInstances(ctx.fake, [
		{ name: 'acme-old' },
		{ name: 'acme', element: 'autopilot' },
		{ name: 'acme', tags: ['customer-42'] },
		{ name: 'ACME' },
	]);
	return acme;
}

describe('If Instance Already Exists', () => {
	it('Create Another (the default) creates one more without looking, as Cloud Elements does', async () => {
		await existingAcme();
		const { items, requests } = await runProvision({ fake: ctx.fake, items: [customer], parameters: provision('createAnother') });

		expect(calls(requests)).toEqual(['POST /instances']);
		expect(named('acme').filter((instance) => instance.element.key === 'pardot')).toHaveLength(2);
		expect(items[0].json).toMatchObject({ provisionAction: 'created', name: 'acme' });
	});

	it('Return Existing outputs the instance with the same element and exact name, changing nothing', async () => {
		const acme = await existingAcme();
		const result = await runProvision({ fake: ctx.fake, items: [customer], parameters: provision('returnExisting') });

		expect(result.requests.every((request) => request.method === 'GET')).toBe(true);
		expect(result.requests[0].query).toMatchObject({ searchText: 'acme' });
		expect(result.items[0].json).toMatchObject({ id: acme.id, token: acme.token, provisionAction: 'existing', tags: ['customer-42'] });
		expect(result.items[0].json.configuration).toMatchObject({ 'apikey.user.key': '********' });
		expect(leakedSecrets(shownByNode(result), ['pardot-user-key-value', 'fresh-user-key-value'])).toEqual([]);
		expect(ctx.fake.instances).toHaveLength(4);
	});

	it.each(['returnExisting', 'replace', 'updateConfiguration', 'fail'])(
		'%s creates the instance when none of this element has the name',
		async (ifExists) => {
			await createInstances(ctx.fake, [{ name: 'acme', element: 'autopilot' }, { name: 'acme-old' }, { name: 'Acme' }]);
			const { status, items } = await runProvision({ fake: ctx.fake, items: [customer], parameters: provision(ifExists) });

			expect(status).toBe('success');
			const [created] = named('acme').filter((instance) => instance.element.key === 'pardot');
			expect(items[0].json).toMatchObject({ id: created.id, token: created.token, provisionAction: 'created' });
		},
	);

	describe('with several instances of the name (Create Another made them)', () => {
		/** Three Pardot instances named acme, oldest first, and one of another element. */
		const several = async () =>
			(await createInstances(ctx.fake, [{ name: 'acme' }, { name: 'acme', element: 'autopilot' }, { name: 'acme' }, { name: 'acme' }]))
				.filter((instance) => (instance.element as IDataObject).key === 'pardot');

		it('Return Existing outputs the newest, changing nothing', async () => {
			const [, , newest] = await several();
			const { items, requests } = await runProvision({ fake: ctx.fake, items: [customer], parameters: provision('returnExisting') });

			expect(items[0].json).toMatchObject({ id: newest.id, token: newest.token, provisionAction: 'existing' });
			expect(requests.every((request) => request.method === 'GET')).toBe(true);
		});

		it('Replace deletes every one of them, so no stale one is left for a later Return Existing', async () => {
			const old = await several();
			const { items } = await runProvision({ fake: ctx.fake, items: [customer], parameters: provision('replace') });

			const pardotAcme = named('acme').filter((instance) => instance.element.key === 'pardot');
			expect(pardotAcme).toHaveLength(1);
			expect(old.map((instance) => instance.id)).not.toContain(pardotAcme[0].id);
			expect(items[0].json).toMatchObject({ id: pardotAcme[0].id, token: pardotAcme[0].token, provisionAction: 'replaced' });
			expect(named('acme').filter((instance) => instance.element.key === 'autopilot')).toHaveLength(1);
		});

		it('Update Configuration patches every one of them and outputs the newest', async () => {
			const old = await several();
			const { items, requests } = await runProvision({ fake: ctx.fake, items: [customer], parameters: provision('updateConfiguration') });

			expect(requests.filter((request) => request.method === 'PATCH').map((request) => request.path)).toEqual(
				old.map((instance) => `/instances/${instance.id}`),
			);
			expect(items[0].json).toMatchObject({ id: old[2].id, token: old[2].token, provisionAction: 'updated' });
			expect(requests.some((request) => request.method === 'POST')).toBe(false);
		});

		it('Fail names every one of them', async () => {
			const old = await several();
			const { error } = await runProvision({ fake: ctx.fake, items: [customer], parameters: provision('fail') });

			expect(error.message).toBe(`3 Pardot instances named "acme" already exist (IDs ${old.map((instance) => instance.id).join(', ')})`);
		});
	});

	it('Replace deletes the existing instance, then creates a new one with a new ID and token', async () => {
		const acme = await existingAcme();
		const { items, requests } = await runProvision({ fake: ctx.fake, items: [customer], parameters: provision('replace') });

		const replaced = calls(requests).filter((call) => !call.startsWith('GET'));
		expect(replaced).toEqual([`DELETE /instances/${acme.id}`, 'POST /instances']);
		const [created] = named('acme').filter((instance) => instance.element.key === 'pardot');
		expect(named('acme').filter((instance) => instance.element.key === 'pardot')).toHaveLength(1);
		expect(created.id).not.toBe(acme.id);
		expect(items[0].json).toMatchObject({ id: created.id, token: created.token, provisionAction: 'replaced' });
		expect(requests.find((request) => request.method === 'POST')!.body.configuration['apikey.user.key']).toBe('fresh-user-key-value');
	});

	it('Update Configuration patches the existing instance with the new configuration and tags, keeping ID and token', async () => {
		const acme = await existingAcme();
		const result = await runProvision({ fake: ctx.fake, items: [customer], parameters: provision('updateConfiguration') });

		const patch = result.requests.find((request) => request.method === 'PATCH')!;
		expect(patch.path).toBe(`/instances/${acme.id}`);
		expect(patch.body).toEqual({
			configuration: {
				'apikey.user.name': 'ops@acme.example',
				'apikey.user.password': 'pardot-password-value',
				'apikey.user.key': 'fresh-user-key-value',
				'provider.version': '3',
			},
			tags: ['nightly'],
		});
		expect(result.requests.some((request) => request.method === 'POST')).toBe(false);
		expect(result.items[0].json).toMatchObject({ id: acme.id, token: acme.token, provisionAction: 'updated', tags: ['nightly'] });
		expect(result.items[0].json.configuration).toMatchObject({ 'apikey.user.key': '********' });
		expect(leakedSecrets(shownByNode(result), ['fresh-user-key-value', 'pardot-password-value'])).toEqual([]);
	});

	it('Update Configuration without Tags keeps the instance\'s tags', async () => {
		const acme = await existingAcme();
		const result = await runProvision({
			fake: ctx.fake,
			items: [customer],
			parameters: provision('updateConfiguration', { tags: [] }),
		});

		const patch = result.requests.find((request) => request.method === 'PATCH')!;
		expect(patch.body).not.toHaveProperty('tags');
		expect(result.items[0].json).toMatchObject({ id: acme.id, provisionAction: 'updated', tags: ['customer-42'] });
	});

	it('Fail fails the item, naming the existing instance, and creates nothing', async () => {
		const acme = await existingAcme();
		const stopped = await runProvision({ fake: ctx.fake, items: [customer], parameters: provision('fail') });
		expect(stopped.error).toMatchObject({
			name: 'NodeOperationError',
			message: `A Pardot instance named "acme" already exists (ID ${acme.id})`,
			description: 'Choose another "If Instance Already Exists" option to reuse, update or replace it',
			context: { itemIndex: 0 },
		});

		const continued = await runProvision({
			fake: ctx.fake,
			items: [customer, { name: 'globex', userKey: 'globex-user-key-value' }],
			parameters: provision('fail'),
			onError: 'continueRegularOutput',
		});
		expect(continued.items[0].json.error).toBe(`A Pardot instance named "acme" already exists (ID ${acme.id}) [item 0]`);
		expect(continued.items[1].json).toMatchObject({ name: 'globex', provisionAction: 'created' });
		expect(named('acme')).toHaveLength(2);
	});

	// Same name twice in one run (a customer listed twice): the second item must see the first one's instance.
	it.each([
		// policy                 first item   second item
		['returnExisting',        'created',   'existing'],
		['updateConfiguration',   'created',   'updated'],
		['replace',               'created',   'replaced'],
	])('%s, with the same name twice in one run, leaves one instance (%s, then %s)', async (ifExists, first, second) => {
		const { items } = await runProvision({
			fake: ctx.fake,
			items: [customer, customer],
			parameters: provision(ifExists, { options: { concurrency: 4 } }),
		});
		expect(items.map((item) => item.json.provisionAction)).toEqual([first, second]);
		expect(named('acme')).toHaveLength(1);
		expect(items[1].json.id).toBe(named('acme')[0].id);
	});

	it('Fail, with the same name twice in one run, creates it once and fails the second', async () => {
		const { items } = await runProvision({
			fake: ctx.fake,
			items: [customer, customer],
			parameters: provision('fail', { options: { concurrency: 4 } }),
			onError: 'continueRegularOutput',
		});
		expect(named('acme')).toHaveLength(1);
		expect(items[0].json).toMatchObject({ provisionAction: 'created' });
		expect(items[1].json.error).toBe(`A Pardot instance named "acme" already exists (ID ${named('acme')[0].id}) [item 1]`);
	});

	it('still runs different names side by side', async () => {
		ctx.fake.inject({ method: 'POST', delayMs: 300, times: 3 });
		const { items } = await runProvision({
			fake: ctx.fake,
			items: ['a', 'b', 'c'].map((name) => ({ name, userKey: 'k' })),
			parameters: provision('returnExisting', { options: { concurrency: 3 } }),
		});
		expect(items.map((item) => item.json.provisionAction)).toEqual(['created', 'created', 'created']);
		expect(ctx.fake.peakInFlight).toBe(3);
	});
});
