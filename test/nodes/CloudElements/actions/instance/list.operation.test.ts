import { useFakeCloudElements } from '../../../../harness/fake';
import { createInstances } from '../../../../harness/instances';
import { runProvision } from '../../../../harness/provision';
import { leakedSecrets, shownByNode } from '../../../../harness/shown';

// Two instances a page, so a handful of instances already spans several pages.
const ctx = useFakeCloudElements({ maxPageSize: 2 });

const list = (extra = {}) => ({ operation: 'listInstances', ...extra });

/** Five instances: three Pardot, two Autopilot, tagged by customer and state. */
async function createCustomers() {
	return await createInstances(ctx.fake, [
		{ name: 'Acme Pardot', tags: ['customer-1', 'nightly'] },
		{ name: 'acme-autopilot', element: 'autopilot', tags: ['customer-1', 'nightly'] },
		{ name: 'Globex Pardot', tags: ['customer-2'] },
		{ name: 'initech-autopilot', element: 'autopilot', tags: ['customer-3', 'nightly'] },
		{ name: 'Umbrella Pardot', tags: ['customer-4', 'nightly'] },
	]);
}

describe('List Instances', () => {
	it('with Return All, follows the next-page token through every page', async () => {
		const created = await createCustomers();
		const { status, items, requests } = await runProvision({ fake: ctx.fake, parameters: list({ returnAll: true }) });

		expect(status).toBe('success');
		expect(items.map((item) => item.json.id)).toEqual(created.map((instance) => instance.id));
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(requests.map((request) => request.query)).toEqual([
			{ pageSize: '200' },
			{ pageSize: '200', nextPage: expect.any(String) },
			{ pageSize: '200', nextPage: expect.any(String) },
		]);
		expect(requests[1].query.nextPage).not.toBe(requests[2].query.nextPage);
	});

	it('stops at Limit, asking for no further page', async () => {
		const created = await createCustomers();
		const { items, requests } = await runProvision({ fake: ctx.fake, parameters: list({ returnAll: false, limit: 3 }) });

		expect(items.map((item) => item.json.name)).toEqual(created.slice(0, 3).map((instance) => instance.name));
		expect(requests).toHaveLength(2);
	});

	it('defaults to 50 results', async () => {
		await createInstances(ctx.fake, Array.from({ length: 51 }, (_, index) => ({ name: `customer-${index}` })));
		const { items } = await runProvision({ fake: ctx.fake, parameters: list() });
		expect(items).toHaveLength(50);
	});

	it('filters by element key across pages', async () => {
		await createCustomers();
		const { items } = await runProvision({ fake: ctx.fake, parameters: list({ returnAll: true, filters: { element: 'autopilot' } }) });
		expect(items.map((item) => item.json.name)).toEqual(['acme-autopilot', 'initech-autopilot']);
	});

	// Version 1 saved the filter as a key from a list of the node's own elements; now it is picked from the catalog.
	it('filters by any element of the catalog, picked from the list or typed as a key', async () => {
		await createInstances(ctx.fake, [{ name: 'acme-mailchimp-v2', element: 'mailchimp' }, { name: 'acme-pardot' }]);
		for (const element of [{ __rl: true, mode: 'list', value: 'mailchimp' }, { __rl: true, mode: 'key', value: 'mailchimp' }, 'mailchimp']) {
			const { items } = await runProvision({ fake: ctx.fake, parameters: list({ returnAll: true, filters: { element } }) });
			expect(items.map((item) => item.json.name)).toEqual(['acme-mailchimp-v2']);
		}
		const { items } = await runProvision({ fake: ctx.fake, parameters: list({ returnAll: true, filters: { element: { __rl: true, mode: 'list', value: '' } } }) });
		expect(items).toHaveLength(2);
	});

	it('filters by element key whichever way its instances log in', async () => {
		await createInstances(ctx.fake, [
			{ name: 'acme-hubspot-oauth', element: 'hubspot' },
			{ name: 'acme-pardot' },
			{
				name: 'globex-hubspot-key',
				element: 'hubspot',
				configuration: { 'authentication.type': 'apiKey', 'hubspot.authorization.apikey': 'hubspot-hapikey-value' },
			},
		]);
		const { items } = await runProvision({ fake: ctx.fake, parameters: list({ returnAll: true, filters: { element: 'hubspot' } }) });
		expect(items.map((item) => item.json.name)).toEqual(['acme-hubspot-oauth', 'globex-hubspot-key']);
	});

	it('filters by name, case-insensitive, through Cloud Elements\' searchText', async () => {
		await createCustomers();
		const { items, requests } = await runProvision({
			fake: ctx.fake,
			parameters: list({ returnAll: true, filters: { name: 'ACME' } }),
		});
		expect(items.map((item) => item.json.name)).toEqual(['Acme Pardot', 'acme-autopilot']);
		expect(requests[0].query).toMatchObject({ searchText: 'acme' });
	});

	it('filters by every tag given, sent as repeated tags[] the way Cloud Elements reads them', async () => {
		await createCustomers();
		const { items, requests } = await runProvision({
			fake: ctx.fake,
			parameters: list({ returnAll: true, filters: { tags: ['nightly', 'customer-1'] } }),
		});
		expect(items.map((item) => item.json.name)).toEqual(['Acme Pardot', 'acme-autopilot']);
		expect(requests[0].query).toEqual({ pageSize: '200', 'tags[]': ['nightly', 'customer-1'] });
	});

	it('combines element, name and tag filters, and Limit counts what passed them', async () => {
		await createCustomers();
		const { items } = await runProvision({
			fake: ctx.fake,
			parameters: list({ limit: 1, filters: { element: 'pardot', name: 'pardot', tags: ['nightly'] } }),
		});
		expect(items.map((item) => item.json.name)).toEqual(['Acme Pardot']);
	});

	it('lists per input item with its own filters, each result paired to its item', async () => {
		await createCustomers();
		const { items } = await runProvision({
			fake: ctx.fake,
			items: [{ customer: 'customer-3' }, { customer: 'customer-1' }],
			parameters: list({ returnAll: true, filters: { tags: ['={{ $json.customer }}'] } }),
		});
		expect(items.map((item) => [item.json.name, item.pairedItem])).toEqual([
			['initech-autopilot', { item: 0 }],
			['Acme Pardot', { item: 1 }],
			['acme-autopilot', { item: 1 }],
		]);
	});

	it('with Needs Attention, lists only the disabled or invalid instances, to re-authenticate them', async () => {
		const created = await createCustomers();
		const [, broken, invalid] = created;
		await runProvision({ fake: ctx.fake, items: [{ id: broken.id }], parameters: { operation: 'disableInstance', instanceId: '={{ $json.id }}' } });
		// A failed token refresh: still enabled, no longer valid.
		ctx.fake.breakInstance(invalid.id, { disabled: false, valid: false });

		const { items } = await runProvision({ fake: ctx.fake, parameters: list({ returnAll: true, filters: { needsAttention: true } }) });
		expect(items.map((item) => item.json.id)).toEqual([broken.id, invalid.id]);
		const all = await runProvision({ fake: ctx.fake, parameters: list({ returnAll: true, filters: { needsAttention: false } }) });
		expect(all.items).toHaveLength(created.length);
	});

	it('outputs nothing, and succeeds, when nothing matches', async () => {
		await createCustomers();
		const { status, items } = await runProvision({ fake: ctx.fake, parameters: list({ filters: { tags: ['customer-99'] } }) });
		expect(status).toBe('success');
		expect(items).toEqual([]);
	});

	it('surfaces a failed page with its status and message, even after earlier pages came through', async () => {
		await createCustomers();
		ctx.fake.inject({ method: 'GET', when: (request) => request.query.nextPage !== undefined, status: 500, body: { message: 'Paging broke' } });
		const { error } = await runProvision({ fake: ctx.fake, parameters: list({ returnAll: true }) });
		expect(error).toMatchObject({ httpCode: '500', message: 'Cloud Elements answered 500: Paging broke', context: { itemIndex: 0 } });
	});
});

describe('List Instances: secrets', () => {
	it("masks the secrets of other elements' instances too, by the names of their keys", async () => {
		const [mailchimp, hubspot] = await createInstances(ctx.fake, [
			{ name: 'acme-mailchimp', element: 'mailchimp' },
			{ name: 'acme-hubspot', element: 'hubspot' },
		]);
		// The OAuth client ID is no secret: the provider's authorize URL shows it to anyone.
		const { 'oauth.api.key': clientId, ...hubspotConfiguration } = hubspot.configuration;
		const secrets = Object.values({ ...mailchimp.configuration, ...hubspotConfiguration }).filter((value) =>
			String(value).endsWith('-value'),
		) as string[];
		expect(secrets).toHaveLength(4);

		const masked = await runProvision({ fake: ctx.fake, parameters: list() });
		expect(leakedSecrets(shownByNode(masked), secrets)).toEqual([]);
		expect(masked.items[1].json.configuration).toMatchObject({
			'oauth.api.key': clientId,
			'oauth.api.secret': '********',
			'oauth.user.token': '********',
			'oauth.user.refresh_token': '********',
			'oauth.callback.url': 'https://example.com/callback',
		});

		const shown = await runProvision({ fake: ctx.fake, parameters: list({ options: { includeSecrets: true } }) });
		expect(leakedSecrets(shownByNode(shown), secrets)).toEqual(secrets);
	});

	it('masks the secrets of every listed instance unless asked to include them', async () => {
		await createCustomers();
		const masked = await runProvision({ fake: ctx.fake, parameters: list({ returnAll: true }) });
		for (const item of masked.items) {
			const configuration = item.json.configuration as Record<string, string>;
			if (String(item.json.name).includes('autopilot')) expect(configuration['api.key']).toBe('********');
			else expect(configuration).toMatchObject({ 'apikey.user.key': '********', 'apikey.user.password': '********' });
		}
		const secrets = ['autopilot-api-key-value', 'pardot-user-key-value', 'pardot-password-value'];
		expect(leakedSecrets(shownByNode(masked), secrets)).toEqual([]);

		const shown = await runProvision({ fake: ctx.fake, parameters: list({ returnAll: true, options: { includeSecrets: true } }) });
		expect(shown.items[1].json.configuration).toMatchObject({ 'api.key': 'autopilot-api-key-value' });
		expect(shown.items[0].json.configuration).toMatchObject({ 'apikey.user.key': 'pardot-user-key-value' });
	});
});
