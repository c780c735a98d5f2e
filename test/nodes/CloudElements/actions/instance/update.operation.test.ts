import { useFakeCloudElements } from '../../../../harness/fake';
import { createInstances } from '../../../../harness/instances';
import { runProvision } from '../../../../harness/provision';
import { leakedSecrets, shownByNode } from '../../../../harness/shown';

const ctx = useFakeCloudElements();

const update = (extra = {}) => ({
	operation: 'updateInstance',
	instanceId: '={{ $json.id }}',
	updateElement: 'pardot',
	...extra,
});

describe('Update Instance', () => {
	it('patches name and tags, keeping the ID and token', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme', tags: ['old-tag', 'customer-42'] }]);
		const { status, items, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ id: acme.id }],
			parameters: update({ updateFields: { name: 'acme-renamed', tags: ['customer-42', 'renamed'] } }),
		});

		expect(status).toBe('success');
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'PATCH', path: `/instances/${acme.id}` });
		expect(requests[0].body).toEqual({ name: 'acme-renamed', tags: ['customer-42', 'renamed'] });
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toMatchObject({ id: acme.id, token: acme.token, name: 'acme-renamed', tags: ['customer-42', 'renamed'] });
		// Cloud Elements replaces the tags: the old one is gone.
		expect(ctx.fake.instances[0].tags).toEqual(['customer-42', 'renamed']);
	});

	it('patches only the configuration entries given, as Cloud Elements keys, others keeping their values', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme' }]);
		const { items, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ id: acme.id, key: 'rotated-user-key-value' }],
			parameters: update({ pardotConfiguration: { pardotUserKey: '={{ $json.key }}', pardotApiVersion: '4' } }),
		});

		expect(requests[0].body).toEqual({
			configuration: { 'apikey.user.key': 'rotated-user-key-value', 'provider.version': '4' },
		});
		expect(items[0].json).toMatchObject({ id: acme.id, token: acme.token, name: 'acme' });
		// Masked in the output, changed in Cloud Elements.
		expect(items[0].json.configuration).toMatchObject({
			'apikey.user.name': 'ops@example.com',
			'apikey.user.key': '********',
			'provider.version': '4',
		});
		expect(JSON.stringify(items)).not.toContain('rotated-user-key-value');
	});

	it("changes an Autopilot instance's API key and masks the key Cloud Elements echoes", async () => {
		const [autopilot] = await createInstances(ctx.fake, [{ name: 'acme-autopilot', element: 'autopilot' }]);
		const parameters = update({ updateElement: 'autopilot', autopilotConfiguration: { autopilotApiKey: 'new-autopilot-key-value' } });
		const masked = await runProvision({ fake: ctx.fake, items: [{ id: autopilot.id }], parameters });

		expect(masked.requests[0].body).toEqual({ configuration: { 'api.key': 'new-autopilot-key-value' } });
		expect(masked.items[0].json.configuration).toMatchObject({ 'api.key': '********' });
		expect(leakedSecrets(shownByNode(masked), ['new-autopilot-key-value', 'autopilot-api-key-value'])).toEqual([]);

		const shown = await runProvision({
			fake: ctx.fake,
			items: [{ id: autopilot.id }],
			parameters: { ...parameters, options: { includeSecrets: true } },
		});
		expect(shown.items[0].json.configuration).toMatchObject({ 'api.key': 'new-autopilot-key-value' });
	});

	it('changes the entries of the login chosen for an element with several', async () => {
		const [hubspot] = await createInstances(ctx.fake, [{ name: 'acme-hubspot', element: 'hubspot' }]);
		const { items, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ id: hubspot.id }],
			parameters: update({
				updateElement: 'hubspot',
				hubspotConfiguration: { hubspotClientSecret: 'rotated-client-secret-value', hubspotCallbackUrl: 'https://example.com/oauth/v2' },
			}),
		});

		expect(requests[0].body).toEqual({
			configuration: { 'oauth.api.secret': 'rotated-client-secret-value', 'oauth.callback.url': 'https://example.com/oauth/v2' },
		});
		expect(items[0].json).toMatchObject({ id: hubspot.id, token: hubspot.token });
		expect(items[0].json.configuration).toMatchObject({
			'oauth.api.secret': '********',
			'oauth.callback.url': 'https://example.com/oauth/v2',
		});
	});

	it('updates per input item, in order and paired', async () => {
		const created = await createInstances(ctx.fake, [{ name: 'a' }, { name: 'b' }]);
		const { items } = await runProvision({
			fake: ctx.fake,
			items: created.map((instance) => ({ id: instance.id, name: `${instance.name}-v2` })),
			parameters: update({ updateFields: { name: '={{ $json.name }}' } }),
		});
		expect(items.map((item) => [item.json.id, item.json.name, item.pairedItem])).toEqual([
			[created[0].id, 'a-v2', { item: 0 }],
			[created[1].id, 'b-v2', { item: 1 }],
		]);
	});

	it('surfaces an unknown ID and a rejected configuration, without the secrets sent', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme' }]);
		ctx.fake.inject({
			method: 'PATCH',
			path: `/instances/${acme.id}`,
			status: 400,
			body: { message: 'Pardot refused user key rotated-user-key-value' },
		});
		const result = await runProvision({
			fake: ctx.fake,
			items: [{ id: 4242 }, { id: acme.id }],
			parameters: update({ pardotConfiguration: { pardotUserKey: 'rotated-user-key-value' } }),
			onError: 'continueRegularOutput',
		});

		expect(result.items.map((item) => item.json.error)).toEqual([
			'Cloud Elements answered 404: No instance found with ID 4242',
			'Cloud Elements answered 400: Pardot refused user key [redacted]',
		]);
		expect(result.items[0].error).toMatchObject({ httpCode: '404', context: { itemIndex: 0 } });
		expect(result.items[1].error).toMatchObject({ httpCode: '400', context: { itemIndex: 1 } });
		expect(leakedSecrets(shownByNode(result), ['rotated-user-key-value', 'demo-user-secret', 'demo-organization-secret'])).toEqual([]);
	});

	it('retries a lost answer by patching again, which changes nothing twice', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme' }]);
		ctx.fake.inject({ method: 'PATCH', drop: 'after' });
		const { items, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ id: acme.id }],
			parameters: update({ updateFields: { name: 'acme-v2' }, options: { retryWaitMs: 5 } }),
		});
		expect(requests.map((request) => request.method)).toEqual(['PATCH', 'PATCH']);
		expect(items[0].json).toMatchObject({ id: acme.id, name: 'acme-v2' });
		expect(ctx.fake.instances).toHaveLength(1);
	});
});
