import { call } from '../harness/api';
import { useFakeCloudElements } from '../harness/fake';
import { createInstances } from '../harness/instances';

// Instance health as the platform shows it (`valid`, `disabled`) and what brings an
// instance back: a PUT with corrected credentials, PUT /enabled.

const ctx = useFakeCloudElements();

const get = (id: number) => call(ctx.fake, `/instances/${id}`);
const send = (method: string, path: string, body?: unknown) => call(ctx.fake, path, { method, body });

describe('valid and disabled', () => {
	it('shows a new instance valid and enabled', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme', element: 'autopilot' }]);
		expect(acme).toMatchObject({ valid: true, disabled: false });
	});

	it('shows an instance broken by the test hook as it is, in every answer', async () => {
		const [acme, globex] = await createInstances(ctx.fake, [
			{ name: 'acme', element: 'autopilot' },
			{ name: 'globex', element: 'autopilot' },
		]);

		expect(ctx.fake.breakInstance(acme.id)).toMatchObject({ id: acme.id, valid: false, disabled: true });
		ctx.fake.breakInstance(globex.id, { valid: false, disabled: false });

		expect((await get(acme.id)).body).toMatchObject({ valid: false, disabled: true });
		const listed = (await call(ctx.fake, '/instances')).body as Array<{ valid: boolean; disabled: boolean }>;
		expect(listed.map(({ valid, disabled }) => ({ valid, disabled }))).toEqual([
			{ valid: false, disabled: true },
			{ valid: false, disabled: false },
		]);
		expect(() => ctx.fake.breakInstance(99999)).toThrow('No instance found with ID 99999');
	});

	it('enables with PUT /enabled and disables with DELETE, leaving valid alone', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme', element: 'autopilot' }]);
		ctx.fake.breakInstance(acme.id);

		expect((await send('PUT', `/instances/${acme.id}/enabled`)).body).toMatchObject({ disabled: false, valid: false });
		expect((await send('DELETE', `/instances/${acme.id}/enabled`)).body).toMatchObject({ disabled: true, valid: false });
		expect((await send('PATCH', `/instances/${acme.id}/enabled`)).status).toBe(405);
	});
});

describe('PUT /instances/{id} for an element without a consent step', () => {
	it('re-checks new credentials against the metadata and makes the instance valid, keeping id, token and disabled', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme', element: 'autopilot' }]);
		ctx.fake.breakInstance(acme.id);

		const blank = await send('PUT', `/instances/${acme.id}`, { configuration: { 'api.key': ' ' } });
		expect(blank).toMatchObject({ status: 400, body: { message: 'Missing required configuration: api.key' } });
		expect((await get(acme.id)).body.valid).toBe(false);

		const fixed = await send('PUT', `/instances/${acme.id}`, { configuration: { 'api.key': 'rotated-key' } });
		expect(fixed.status).toBe(200);
		expect(fixed.body).toMatchObject({ id: acme.id, token: acme.token, valid: true, disabled: true });
		expect(fixed.body.configuration['api.key']).toBe('rotated-key');
	});

	it('re-checks with ?reAuthenticate=true too, new configuration or not', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme' }]);
		ctx.fake.breakInstance(acme.id, { disabled: false });

		const answer = await send('PUT', `/instances/${acme.id}?reAuthenticate=true`, { name: 'acme' });
		expect(answer.body).toMatchObject({ id: acme.id, token: acme.token, valid: true, disabled: false });
	});

	it('leaves valid alone on a rename, a PATCH of tags or of configuration', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme', element: 'autopilot' }]);
		ctx.fake.breakInstance(acme.id, { disabled: false });

		await send('PUT', `/instances/${acme.id}`, { name: 'acme-renamed', configuration: {} });
		await send('PATCH', `/instances/${acme.id}`, { tags: ['customer-1'] });
		await send('PATCH', `/instances/${acme.id}`, { configuration: { 'api.key': 'rotated-key' } });

		expect((await get(acme.id)).body).toMatchObject({ name: 'acme-renamed', tags: ['customer-1'], valid: false });
	});

	it('changes nothing when part of the update is refused', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme', element: 'autopilot' }]);
		const refused = await send('PUT', `/instances/${acme.id}`, { name: 'renamed', tags: 'not-a-list' });

		expect(refused).toMatchObject({ status: 400, body: { message: 'tags must be a list of strings' } });
		expect((await get(acme.id)).body.name).toBe('acme');
	});
});
