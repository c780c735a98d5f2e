import { useFakeCloudElements } from '../../../../harness/fake';
import { createInstances } from '../../../../harness/instances';
import { runProvision } from '../../../../harness/provision';

const ctx = useFakeCloudElements();

const toggle = (operation: string) => ({ operation, instanceId: '={{ $json.id }}' });

describe('Enable Instance and Disable Instance', () => {
	it('disables with DELETE /instances/{id}/enabled and enables with PUT, keeping ID and token', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme' }]);

		const disabled = await runProvision({ fake: ctx.fake, items: [{ id: acme.id }], parameters: toggle('disableInstance') });
		expect(disabled.requests.map((request) => `${request.method} ${request.path}`)).toEqual([`DELETE /instances/${acme.id}/enabled`]);
		expect(disabled.items[0].json).toMatchObject({ id: acme.id, token: acme.token, disabled: true });
		expect(ctx.fake.instances[0].disabled).toBe(true);

		const enabled = await runProvision({ fake: ctx.fake, items: [{ id: acme.id }], parameters: toggle('enableInstance') });
		expect(enabled.requests.map((request) => `${request.method} ${request.path}`)).toEqual([`PUT /instances/${acme.id}/enabled`]);
		expect(enabled.items[0].json).toMatchObject({ id: acme.id, token: acme.token, disabled: false });
		expect(ctx.fake.instances[0].disabled).toBe(false);
	});

	it('says what changed when the platform answers with no instance', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme' }]);
		ctx.fake.inject({ method: 'DELETE', status: 200, rawBody: '' });
		const { items } = await runProvision({ fake: ctx.fake, items: [{ id: acme.id }], parameters: toggle('disableInstance') });
		expect(items[0].json).toEqual({ id: acme.id, disabled: true });
	});

	it('names a wrong Instance ID before sending anything', async () => {
		const { error, requests } = await runProvision({ fake: ctx.fake, items: [{ id: 'acme' }], parameters: toggle('enableInstance') });
		expect(error.message).toBe('Invalid fields: Instance ID must be a whole number (got "acme")');
		expect(requests).toHaveLength(0);
	});
});
