import { useFakeCloudElements } from '../../../../harness/fake';
import { createInstances } from '../../../../harness/instances';
import { runProvision } from '../../../../harness/provision';
import { leakedSecrets, shownByNode } from '../../../../harness/shown';

const ctx = useFakeCloudElements();

const getById = { operation: 'getInstance', instanceId: '={{ $json.id }}' };

describe('Get Instance', () => {
	it('gets the instance by its ID and outputs it with id and token at the top level', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme-pardot', tags: ['customer-42'] }]);
		const { status, items, requests } = await runProvision({ fake: ctx.fake, items: [{ id: acme.id }], parameters: getById });

		expect(status).toBe('success');
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'GET', path: `/instances/${acme.id}` });
		expect(requests[0].headers.authorization).toBe('User demo-user-secret, Organization demo-organization-secret');
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toEqual({
			...acme,
			configuration: { ...acme.configuration, 'apikey.user.key': '********' },
		});
		expect(items[0].json).toMatchObject({ id: acme.id, token: acme.token, name: 'acme-pardot', tags: ['customer-42'] });
	});

	it('gets one instance per input item, in order and paired', async () => {
		const instances = await createInstances(ctx.fake, [
			{ name: 'acme' },
			{ name: 'globex', element: 'autopilot' },
			{ name: 'initech' },
		]);
		const ids = [instances[2].id, instances[0].id, instances[1].id];
		const { items } = await runProvision({ fake: ctx.fake, items: ids.map((id) => ({ id })), parameters: getById });

		expect(items.map((item) => item.json.id)).toEqual(ids);
		expect(items.map((item) => item.json.name)).toEqual(['initech', 'acme', 'globex']);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('surfaces an unknown ID as Cloud Elements words it, and continues with the rest when asked', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme' }]);
		const stopped = await runProvision({ fake: ctx.fake, items: [{ id: 4242 }], parameters: getById });
		expect(stopped.error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '404',
			message: 'Cloud Elements answered 404: No instance found with ID 4242',
			context: { itemIndex: 0 },
		});
		expect(stopped.error.description).toContain('Check the element key or instance ID');

		const continued = await runProvision({
			fake: ctx.fake,
			items: [{ id: 4242 }, { id: acme.id }],
			parameters: getById,
			onError: 'continueRegularOutput',
		});
		expect(continued.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(continued.items[0].json.error).toBe('Cloud Elements answered 404: No instance found with ID 4242');
		expect(continued.items[1].json).toMatchObject({ id: acme.id, token: acme.token });
	});

	it('retries a 503 and answers as if nothing happened', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme' }]);
		ctx.fake.inject({ method: 'GET', status: 503, body: { message: 'Service unavailable' } });
		const { items, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ id: acme.id }],
			parameters: { ...getById, options: { retryWaitMs: 5 } },
		});
		expect(requests).toHaveLength(2);
		expect(items[0].json).toMatchObject({ id: acme.id, token: acme.token });
	});
});

describe('Get Instance: secrets', () => {
	it('masks the provider secrets Cloud Elements echoes, Pardot and Autopilot alike', async () => {
		const [pardot, autopilot] = await createInstances(ctx.fake, [
			{ name: 'acme-pardot', configuration: { 'event.notification.signature.key': 'signature-key-value' } },
			{ name: 'acme-autopilot', element: 'autopilot' },
		]);
		// What the API itself returns: Autopilot's key and Pardot's user key in clear.
		expect(autopilot.configuration['api.key']).toBe('autopilot-api-key-value');
		expect(pardot.configuration['apikey.user.key']).toBe('pardot-user-key-value');

		const result = await runProvision({ fake: ctx.fake, items: [{ id: pardot.id }, { id: autopilot.id }], parameters: getById });

		expect(result.items[0].json.configuration).toMatchObject({
			'apikey.user.name': 'ops@example.com',
			'apikey.user.password': '********',
			'apikey.user.key': '********',
			'event.notification.signature.key': '********',
			'provider.version': '3',
		});
		expect(result.items[1].json.configuration).toMatchObject({
			'api.key': '********',
			'base.url': 'https://api2.autopilothq.com/v1',
		});
		const secrets = ['autopilot-api-key-value', 'pardot-user-key-value', 'pardot-password-value', 'signature-key-value'];
		expect(leakedSecrets(shownByNode(result), secrets)).toEqual([]);
		// The token is what the node is for: it stays.
		expect(result.items[1].json.token).toBe(autopilot.token);
	});

	it('shows them with Include Secrets in Output, as Cloud Elements returns them', async () => {
		const [pardot, autopilot] = await createInstances(ctx.fake, [{ name: 'acme-pardot' }, { name: 'acme-autopilot', element: 'autopilot' }]);
		const { items } = await runProvision({
			fake: ctx.fake,
			items: [{ id: pardot.id }, { id: autopilot.id }],
			parameters: { ...getById, options: { includeSecrets: true } },
		});

		expect(items[0].json.configuration).toMatchObject({
			'apikey.user.key': 'pardot-user-key-value',
			// Cloud Elements itself never returns the password.
			'apikey.user.password': '********',
		});
		expect(items[1].json.configuration).toMatchObject({ 'api.key': 'autopilot-api-key-value' });
	});
});
