import { call } from '../harness/api';
import { useFakeCloudElements } from '../harness/fake';
import { createInstances } from '../harness/instances';

// Each instance's element API as the fake serves it: the header, paging, where, records, ping and docs.

const ctx = useFakeCloudElements();

const CONTACTS = '/hubs/marketing/contacts';
const asElement = (token: string, path: string, init: { method?: string; body?: unknown } = {}) =>
	call(ctx.fake, path, { ...init, authorization: `User ${ctx.fake.userSecret}, Element ${token}` });

/** Every record of a list, page by page as a client pages it; and the pages' sizes. */
async function readAll(token: string, query = '') {
	const records: Array<Record<string, unknown>> = [];
	const sizes: number[] = [];
	let nextPage: string | null = null;
	do {
		const page = await asElement(token, `${CONTACTS}?pageSize=100${query}${nextPage ? `&nextPage=${encodeURIComponent(nextPage)}` : ''}`);
		expect(page.status).toBe(200);
		records.push(...page.body);
		sizes.push(page.body.length);
		nextPage = page.nextPage;
	} while (nextPage);
	return { records, sizes };
}

describe('element API: who may call', () => {
	it("answers the instance's own records to its token and the user secret, with or without the organization's", async () => {
		const [acme, globex] = await createInstances(ctx.fake, [{ name: 'acme' }, { name: 'globex' }]);
		const page = await asElement(acme.token, `${CONTACTS}?pageSize=2`);
		expect(page.status).toBe(200);
		expect(page.body.map((record: { id: string }) => record.id)).toEqual([`${acme.id}-c-1`, `${acme.id}-c-2`]);
		const withOrganization = await call(ctx.fake, `${CONTACTS}?pageSize=1`, {
			authorization: `Organization ${ctx.fake.organizationSecret}, Element ${globex.token}, User ${ctx.fake.userSecret}`,
		});
		expect(withOrganization.body.map((record: { id: string }) => record.id)).toEqual([`${globex.id}-c-1`]);
	});

	it('refuses an unknown token, a wrong user or organization secret (401), a disabled instance (403), and an invalid one its data', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme' }]);
		expect((await asElement('unknown', CONTACTS)).status).toBe(401);
		expect((await call(ctx.fake, CONTACTS, { authorization: `User wrong, Element ${acme.token}` })).status).toBe(401);
		expect((await call(ctx.fake, CONTACTS, { authorization: `User ${ctx.fake.userSecret}, Organization wrong, Element ${acme.token}` })).status).toBe(401);
		expect((await call(ctx.fake, CONTACTS)).status).toBe(401);

		ctx.fake.breakInstance(acme.id, { valid: false, disabled: false });
		const invalid = await asElement(acme.token, CONTACTS);
		expect(invalid).toMatchObject({ status: 401, body: { message: "The provider rejected the instance's credentials; re-authenticate the instance." } });
		ctx.fake.breakInstance(acme.id);
		expect(await asElement(acme.token, CONTACTS)).toMatchObject({ status: 403, body: { message: 'The element instance is disabled.' } });
	});
});

describe('element API: lists', () => {
	it('pages through every record once, in order, the cursor header absent on the last page', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme' }]);
		const { records, sizes } = await readAll(acme.token);
		expect(sizes).toEqual([100, 100, 50]);
		expect(records.map((record) => record.id)).toEqual(Array.from({ length: 250 }, (_, i) => `${acme.id}-c-${i + 1}`));
		expect((await asElement(acme.token, `${CONTACTS}?pageSize=1000`)).body).toHaveLength(200);
	});

	it('filters with where: =, !=, LIKE, joined by AND in any case; refuses what it cannot read', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme' }]);
		const where = (text: string) => `&where=${encodeURIComponent(text)}`;
		const german = (await readAll(acme.token, where("country = 'DE'"))).records;
		expect(german.length).toBe(63);
		expect(german.every((record) => record.country === 'DE')).toBe(true);
		expect((await readAll(acme.token, where("country != 'DE'"))).records.length).toBe(187);
		const both = (await readAll(acme.token, where("country = 'DE' and email LIKE '%act1%'"))).records;
		const all = (await readAll(acme.token)).records;
		const expected = all.filter((record) => record.country === 'DE' && String(record.email).includes('act1'));
		expect(expected.length).toBeGreaterThan(10);
		expect(both).toEqual(expected);
		const bad = await asElement(acme.token, `${CONTACTS}?where=${encodeURIComponent('country ~ 1')}`);
		expect(bad).toMatchObject({ status: 400, body: { message: 'Invalid CEQL: cannot read "country ~ 1"' } });
	});

	it('seeds 10,000 records, read in 100 pages of 100', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme' }]);
		ctx.fake.seedRecords(acme.id, 'contacts', 10_000);
		const { records, sizes } = await readAll(acme.token);
		expect(sizes).toEqual(Array(100).fill(100));
		expect(new Set(records.map((record) => record.id)).size).toBe(10_000);
	});
});

describe('element API: records', () => {
	it('creates, reads, changes and deletes a record, which lists show', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme' }]);
		const created = await asElement(acme.token, '/hubs/marketing/accounts', { method: 'POST', body: { name: 'Initech' } });
		expect(created).toMatchObject({ status: 200, body: { name: 'Initech', id: `${acme.id}-a-new-1` } });
		const path = `/hubs/marketing/accounts/${created.body.id}`;
		expect((await asElement(acme.token, path)).body).toEqual(created.body);
		expect((await asElement(acme.token, path, { method: 'PATCH', body: { industry: 'Paper' } })).body).toEqual({ ...created.body, industry: 'Paper' });
		const listed = await asElement(acme.token, '/hubs/marketing/accounts');
		expect(listed.body).toHaveLength(31);
		expect(listed.body[30]).toMatchObject({ id: created.body.id, industry: 'Paper' });
		expect((await asElement(acme.token, path, { method: 'DELETE' })).status).toBe(200);
		expect((await asElement(acme.token, path)).status).toBe(404);
		expect((await asElement(acme.token, `/hubs/marketing/accounts/${acme.id}-a-01`)).status).toBe(404);
		expect((await asElement(acme.token, '/hubs/marketing/accounts')).body).toHaveLength(30);
		expect((await asElement(acme.token, '/hubs/marketing/leads')).status).toBe(404);
		expect((await asElement(acme.token, '/hubs/crm/contacts')).status).toBe(404);
	});
});

describe('element API: ping and docs', () => {
	it('answers the ping with valid true, "true" for HubSpot, false for an invalid instance, and 404 for Autopilot', async () => {
		const [pardot, hubspot, autopilot, broken] = await createInstances(ctx.fake, [
			{ name: 'p' },
			{ name: 'h', element: 'hubspot' },
			{ name: 'a', element: 'autopilot' },
			{ name: 'b' },
		]);
		ctx.fake.breakInstance(broken.id, { valid: false, disabled: false });
		const ping = async (token: string) => await asElement(token, '/hubs/marketing/ping');
		expect((await ping(pardot.token)).body).toMatchObject({ endpoint: 'pardot', valid: true });
		expect((await ping(hubspot.token)).body).toMatchObject({ endpoint: 'hubspot', valid: 'true' });
		expect((await ping(broken.token)).body).toMatchObject({ endpoint: 'pardot', valid: false });
		expect((await ping(autopilot.token)).status).toBe(404);
	});

	it("serves the instance's swagger by its ID (platform header) and by its token, ping only where there is one", async () => {
		const [pardot, autopilot] = await createInstances(ctx.fake, [{ name: 'p' }, { name: 'a', element: 'autopilot' }]);
		const byId = await call(ctx.fake, `/instances/${pardot.id}/docs`);
		expect(byId.body).toMatchObject({ swagger: '2.0', basePath: '/elements/api-v2/hubs/marketing' });
		expect(Object.keys(byId.body.paths)).toEqual(['/contacts', '/contacts/{id}', '/accounts', '/accounts/{id}', '/ping']);
		expect((await asElement(pardot.token, '/instances/docs')).body).toEqual(byId.body);
		expect(Object.keys((await asElement(autopilot.token, '/instances/docs')).body.paths)).not.toContain('/ping');
		expect((await call(ctx.fake, '/instances/4242/docs')).status).toBe(404);
	});
});
