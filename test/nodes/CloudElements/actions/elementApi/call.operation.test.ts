import type { IDataObject } from 'n8n-workflow';

import { useFakeCloudElements } from '../../../../harness/fake';
import { createInstances } from '../../../../harness/instances';
import { runProvision } from '../../../../harness/provision';
import { leakedSecrets, shownByNode } from '../../../../harness/shown';

const ctx = useFakeCloudElements();

const CONTACTS = '/hubs/marketing/contacts';

/** Call Element API with the item's token, By Path. */
const callWith = (path: string, extra: IDataObject = {}) => ({
	resource: 'elementApi',
	operation: 'callElementApi',
	path: { __rl: true, mode: 'path', value: path },
	...extra,
});

async function pardot(name = 'acme') {
	const [instance] = await createInstances(ctx.fake, [{ name }]);
	return instance;
}

describe('Call Element API: the request', () => {
	it("authorizes with the user secret and the item's token, never the organization secret", async () => {
		const acme = await pardot();
		const { status, items, requests } = await runProvision({ fake: ctx.fake, items: [{ token: acme.token }], parameters: callWith(CONTACTS) });

		expect(status).toBe('success');
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'GET', path: CONTACTS, query: { pageSize: '50' } });
		expect(requests[0].headers.authorization).toBe(`User demo-user-secret, Element ${acme.token}`);
		expect(items).toHaveLength(50);
		expect(new Set(items.map((item) => JSON.stringify(item.pairedItem)))).toEqual(new Set(['{"item":0}']));
	});

	it('pages through every record with Return All, sending back the next-page token', async () => {
		const acme = await pardot();
		const { items, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ token: acme.token }],
			parameters: callWith(CONTACTS, { returnAll: true }),
		});

		expect(items).toHaveLength(250);
		expect(new Set(items.map((item) => item.json.id)).size).toBe(250);
		expect(requests.map((request) => request.query.pageSize)).toEqual(['200', '200']);
		expect(requests[0].query.nextPage).toBeUndefined();
		expect(requests[1].query.nextPage).toEqual(expect.any(String));
	});

	it('stops at the Limit across a page boundary, asking for no more pages', async () => {
		const acme = await pardot();
		const { items, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ token: acme.token }],
			parameters: callWith(CONTACTS, { limit: 150, callOptions: { pageSize: 100 } }),
		});

		expect(items).toHaveLength(150);
		expect(requests).toHaveLength(2);
		expect(requests.map((request) => request.query.pageSize)).toEqual(['100', '100']);
		const all = await runProvision({ fake: ctx.fake, items: [{ token: acme.token }], parameters: callWith(CONTACTS, { returnAll: true }) });
		expect(items.map((item) => item.json.id)).toEqual(all.items.slice(0, 150).map((item) => item.json.id));
	});

	it('passes Where and the query parameters on as they are', async () => {
		const acme = await pardot();
		const where = "country = 'DE' AND email LIKE '%7%'";
		const { items, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ token: acme.token }],
			parameters: callWith(CONTACTS, {
				returnAll: true,
				where,
				queryParameters: {
					parameters: [
						{ name: 'fields', value: 'id' },
						{ name: 'fields', value: 'email' },
						{ name: 'constructor', value: 'a name like any other' },
					],
				},
			}),
		});

		expect(requests[0].query).toMatchObject({ where, fields: ['id', 'email'] });
		expect(Object.getOwnPropertyDescriptor(requests[0].query, 'constructor')?.value).toBe('a name like any other');
		expect(items.length).toBeGreaterThan(0);
		expect(items.every((item) => item.json.country === 'DE' && String(item.json.email).includes('7'))).toBe(true);
	});

	it('outputs a record that is no list as it is, and a call answered with nothing as success', async () => {
		const acme = await pardot();
		const created = await runProvision({
			fake: ctx.fake,
			items: [{ token: acme.token }],
			parameters: callWith(CONTACTS, { method: 'POST', jsonBody: '{ "firstName": "Jane", "email": "jane@example.com" }' }),
		});
		expect(created.requests[0].body).toEqual({ firstName: 'Jane', email: 'jane@example.com' });
		const id = created.items[0].json.id as string;
		expect(created.items).toHaveLength(1);
		expect(created.items[0].json).toMatchObject({ firstName: 'Jane', email: 'jane@example.com' });

		const read = await runProvision({ fake: ctx.fake, items: [{ token: acme.token }], parameters: callWith(`${CONTACTS}/${id}`) });
		expect(read.items.map((item) => item.json)).toEqual([created.items[0].json]);

		const deleted = await runProvision({ fake: ctx.fake, items: [{ token: acme.token }], parameters: callWith(`${CONTACTS}/${id}`, { method: 'DELETE' }) });
		expect(deleted.items.map((item) => item.json)).toEqual([{ success: true }]);
	});

	it('outputs a text answer under data, for a GET and a POST alike, without taking it for a lost answer', async () => {
		const acme = await pardot();
		const csv = 'id,email\nc-1,jane@example.com\n';
		ctx.fake.inject({ method: 'GET', path: CONTACTS, status: 200, rawBody: csv, contentType: 'text/csv' });
		ctx.fake.inject({ method: 'POST', path: CONTACTS, status: 200, rawBody: 'created', contentType: 'text/plain' });
		const read = await runProvision({ fake: ctx.fake, items: [{ token: acme.token }], parameters: callWith(CONTACTS) });
		expect(read.items.map((item) => item.json)).toEqual([{ data: csv }]);
		const written = await runProvision({ fake: ctx.fake, items: [{ token: acme.token }], parameters: callWith(CONTACTS, { method: 'POST', jsonBody: {} }) });
		expect(written.items.map((item) => item.json)).toEqual([{ data: 'created' }]);
		expect(written.requests).toHaveLength(1);
	});

	it('stops paging where the element answers the cursor it was asked with again', async () => {
		const acme = await pardot();
		ctx.fake.inject({ method: 'GET', path: CONTACTS, status: 200, body: [] as unknown as IDataObject, headers: { 'elements-next-page-token': 'c2FtZQ==' }, times: 5 });
		const { status, items, requests } = await runProvision({ fake: ctx.fake, items: [{ token: acme.token }], parameters: callWith(CONTACTS, { returnAll: true }) });
		expect(status).toBe('success');
		expect(items).toHaveLength(0);
		expect(requests.map((request) => request.query.nextPage)).toEqual([undefined, 'c2FtZQ==']);
	});

	it("keeps each customer's token with its item: one call per item, its records paired with it", async () => {
		const instances = await createInstances(ctx.fake, [{ name: 'acme' }, { name: 'globex', element: 'autopilot' }, { name: 'initech' }]);
		const { items, requests } = await runProvision({
			fake: ctx.fake,
			items: instances.map((instance) => ({ token: instance.token })),
			parameters: callWith(CONTACTS, { limit: 2 }),
		});

		expect(items.map((item) => item.pairedItem)).toEqual([0, 0, 1, 1, 2, 2].map((item) => ({ item })));
		const byToken = (token: string) => requests.filter((request) => request.headers.authorization === `User demo-user-secret, Element ${token}`);
		expect(instances.map((instance) => byToken(instance.token).length)).toEqual([1, 1, 1]);
	});

	it('simplifies records to their top-level values where asked (a tool does by default)', async () => {
		const acme = await pardot();
		ctx.fake.inject({ method: 'GET', path: CONTACTS, status: 200, body: [{ id: 'c-1', name: 'Jane', address: { city: 'Bonn' }, tags: ['a'], note: null }] as unknown as IDataObject });
		const { items } = await runProvision({ fake: ctx.fake, items: [{ token: acme.token }], parameters: callWith(CONTACTS, { simple: true }) });
		expect(items.map((item) => item.json)).toEqual([{ id: 'c-1', name: 'Jane', note: null }]);
	});
});

describe('Call Element API: retries', () => {
	it('retries a GET after 429 (waiting as Retry-After says) and 503', async () => {
		const acme = await pardot();
		ctx.fake.inject({ method: 'GET', path: CONTACTS, status: 429, headers: { 'retry-after': '0' }, body: { message: 'Slow down' } });
		ctx.fake.inject({ method: 'GET', path: CONTACTS, status: 503, body: { message: 'Unavailable' } });
		const { status, items, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ token: acme.token }],
			parameters: callWith(CONTACTS, { limit: 3, options: { retryWaitMs: 5 } }),
		});
		expect(status).toBe('success');
		expect(requests).toHaveLength(3);
		expect(items).toHaveLength(3);
	});

	it.each(['PUT', 'PATCH', 'DELETE'])('never sends a %s again after its answer was lost', async (method) => {
		const acme = await pardot();
		const path = `${CONTACTS}/${acme.id}-c-1`;
		ctx.fake.inject({ method, path, drop: 'after', process: true });
		const { error, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ token: acme.token }],
			parameters: callWith(path, { method, jsonBody: { firstName: 'Jo' }, options: { retryWaitMs: 5 } }),
		});
		expect(requests).toHaveLength(1);
		expect(error.description).toContain(`The ${method} may have been carried out although its answer was lost`);
	});

	it('never sends a POST again after its answer was lost, unless Resend After Lost Answer is on', async () => {
		const acme = await pardot();
		const body = { jsonBody: { firstName: 'Jane' }, method: 'POST', options: { retryWaitMs: 5 } };
		ctx.fake.inject({ method: 'POST', path: CONTACTS, drop: 'after', process: true });
		const once = await runProvision({ fake: ctx.fake, items: [{ token: acme.token }], parameters: callWith(CONTACTS, body) });
		expect(once.requests).toHaveLength(1);
		expect(once.error).toMatchObject({ name: 'NodeApiError', context: { itemIndex: 0 } });
		expect(once.error.description).toContain('may have been carried out although its answer was lost, so it was not sent again');

		ctx.fake.inject({ method: 'POST', path: CONTACTS, drop: 'after', process: true });
		const resent = await runProvision({
			fake: ctx.fake,
			items: [{ token: acme.token }],
			parameters: callWith(CONTACTS, { ...body, callOptions: { resendAfterLoss: true } }),
		});
		expect(resent.status).toBe('success');
		expect(resent.requests.filter((request) => request.method === 'POST')).toHaveLength(2);
	});

	it("under n8n's Retry On Fail, outputs what a write answered before and does not send a lost one again", async () => {
		const acme = await pardot();
		const settings = { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 };
		const parameters = callWith(CONTACTS, { method: 'POST', jsonBody: '={{ JSON.stringify({ firstName: $json.name }) }}', options: { retryWaitMs: 5 } });
		const items = [
			{ token: acme.token, name: 'Ann' },
			{ token: acme.token, name: 'Bob' },
		];
		// Bob's first POST is refused clearly, so the node fails and n8n runs it again: Ann's is not sent twice.
		ctx.fake.inject({ method: 'POST', path: CONTACTS, when: (request) => request.body?.firstName === 'Bob', status: 400, body: { message: 'Try again' } });
		const retried = await runProvision({ fake: ctx.fake, items, parameters, settings });
		expect(retried.status).toBe('success');
		expect(retried.requests.map((request) => request.body.firstName).sort()).toEqual(['Ann', 'Bob', 'Bob']);
		expect(retried.items.map((item) => item.json.firstName)).toEqual(['Ann', 'Bob']);

		// A lost answer: the retry refuses to send it again.
		ctx.fake.inject({ method: 'POST', path: CONTACTS, drop: 'after', process: true });
		const lost = await runProvision({ fake: ctx.fake, items: [items[0]], parameters, settings });
		expect(lost.requests).toHaveLength(1);
		expect(lost.error.message).toBe('An earlier attempt of this POST lost its answer, so it is not sent again');
	});

	it('sends a POST again after a 503 that Cloud Elements answered itself (it did nothing)', async () => {
		const acme = await pardot();
		ctx.fake.inject({ method: 'POST', path: CONTACTS, status: 503, body: { message: 'Unavailable' } });
		const { status, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ token: acme.token }],
			parameters: callWith(CONTACTS, { method: 'POST', jsonBody: { firstName: 'Jane' }, options: { retryWaitMs: 5 } }),
		});
		expect(status).toBe('success');
		expect(requests).toHaveLength(2);
	});

	it('does not follow a redirect: the secret goes to the API root only', async () => {
		const acme = await pardot();
		ctx.fake.inject({ method: 'GET', path: CONTACTS, status: 302, headers: { location: `${ctx.fake.url}/instances` }, rawBody: '' });
		const { error, requests } = await runProvision({ fake: ctx.fake, items: [{ token: acme.token }], parameters: callWith(CONTACTS) });
		expect(requests).toHaveLength(1);
		expect(error.message).toBe(`Cloud Elements answered 302 with a redirect to ${ctx.fake.url}/instances, not followed`);
	});
});

describe('Call Element API: refusals, before anything is sent', () => {
	const refused = async (parameters: IDataObject, token: unknown = 'a-token') => {
		const acme = await pardot();
		const result = await runProvision({ fake: ctx.fake, items: [{ token: token === 'a-token' ? acme.token : token }], parameters });
		expect(result.requests).toHaveLength(0);
		expect(result.error).toMatchObject({ name: 'NodeOperationError', context: { itemIndex: 0 } });
		return result.error.message;
	};

	it.each([
		['an absolute URL', 'https://evil.example/steal', 'must be a path under the API root, not a URL of its own'],
		['a scheme without slashes', 'javascript:alert(1)', 'must be a path under the API root, not a URL of its own'],
		['another host', '//evil.example/steal', 'must not contain // (it would name another host)'],
		['an encoded other host', '/%2F%2Fevil.example', 'must not contain // (it would name another host)'],
		['a way up', '/hubs/../instances', 'must not contain . or .. segments (it would leave the API root)'],
		['a dot segment', '/hubs/./marketing/contacts', 'must not contain . or .. segments (it would leave the API root)'],
		['an encoded way up', '/hubs/%2e%2E/instances', 'must not contain . or .. segments (it would leave the API root)'],
		['a twice-encoded way up', '/hubs/%252e%252e/instances', 'must not contain . or .. segments (it would leave the API root)'],
		['a backslash', '/hubs\\..\\instances', 'must not contain a backslash'],
		['a header injection', '/hubs/marketing/contacts\r\nX-Evil: 1', 'must not contain line breaks or other control characters'],
		['an encoded header injection', '/hubs/marketing/contacts%0d%0aX-Evil:1', 'must not contain line breaks or other control characters'],
		['a malformed escape', '/hubs/%zz', 'has a malformed %-escape'],
		['a space', '/hubs/marketing/contacts list', 'must not contain spaces (write them as %20)'],
		['a query', '/hubs/marketing/contacts?where=x', 'must not have a query (?…) or fragment (#…): put query parameters in Query Parameters'],
		['a fragment', '/hubs/marketing/contacts#x', 'must not have a query (?…) or fragment (#…): put query parameters in Query Parameters'],
		['a placeholder', '/hubs/marketing/contacts/{id}', 'still has the placeholder {id}: put the value in its place'],
	])('refuses a path with %s, naming the field', async (_, path, problem) => {
		expect(await refused(callWith(path))).toBe(`Invalid call: Path ${problem}`);
	});

	it.each([
		['a line break', 'abc\r\nX-Evil: 1', 'must be one word of visible characters (no spaces or line breaks)'],
		['a space', 'abc def', 'must be one word of visible characters (no spaces or line breaks)'],
		['a comma, which would add a part to the header', 'abc,Organization=x', 'must not contain a comma'],
		['nothing', '', 'is missing'],
	])('refuses an Instance Token with %s', async (_, token, problem) => {
		expect(await refused(callWith(CONTACTS), token)).toBe(`Invalid call: Instance Token ${problem}`);
	});

	it('refuses line breaks in Where and in query parameters, naming each, and a JSON Body that is no object', async () => {
		expect(
			await refused(
				callWith(CONTACTS, {
					where: "email = 'a'\r\nX-Evil: 1",
					queryParameters: { parameters: [{ name: 'fie\nlds', value: 'id' }, { name: 'x', value: 'a\rb' }] },
				}),
			),
		).toBe(
			"Invalid call: Query Parameters entry 1's Name must not contain line breaks or other control characters; Query Parameters entry 2's Value must not contain line breaks or other control characters; Where (CEQL) must not contain line breaks or other control characters",
		);
		expect(await refused(callWith(CONTACTS, { method: 'POST', jsonBody: '[1]' }))).toBe('Invalid call: JSON Body must be a JSON object ({ … })');
		expect(await refused(callWith(CONTACTS, { method: 'POST', jsonBody: '{ "firstName": ' }))).toMatch(/^Invalid call: JSON Body is not valid JSON \(/);
		expect(await refused(callWith(CONTACTS, { where: "country = 'DE'", queryParameters: { parameters: [{ name: 'where', value: "country = 'FR'" }] } }))).toBe(
			'Invalid call: Where is set in Where (CEQL) and in Query Parameters: keep one',
		);
	});

	it('refuses an unknown method, and a Limit or Page Size below 1, naming each', async () => {
		expect(await refused(callWith(CONTACTS, { method: 'TRACE' }))).toBe('Invalid call: Method must be one of GET, POST, PUT, PATCH, DELETE');
		expect(await refused(callWith(CONTACTS, { limit: 0, callOptions: { pageSize: 0 } }))).toBe(
			'Invalid call: Limit must be a whole number of 1 or more; Page Size must be a whole number from 1 to 200',
		);
		expect(await refused(callWith(CONTACTS, { callOptions: { pageSize: 201 } }))).toBe('Invalid call: Page Size must be a whole number from 1 to 200');
	});

	it('refuses a token that the AI model would fill in', async () => {
		const message = await refused(callWith(CONTACTS, { instanceToken: "={{ $fromAI('token') }}" }));
		expect(message).toContain('Instance Token must come from the workflow (e.g. {{ $json.token }}), not from the AI model');
	});

	it('fails only the bad item under "On Error: Continue", sending the good ones', async () => {
		const acme = await pardot();
		const { items, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ token: 'bad token' }, { token: acme.token }],
			parameters: callWith(CONTACTS, { limit: 1 }),
			onError: 'continueRegularOutput',
		});
		expect(requests).toHaveLength(1);
		expect(items.map((item) => [item.pairedItem, Object.keys(item.json).includes('error')])).toEqual([
			[{ item: 0 }, true],
			[{ item: 1 }, false],
		]);
	});
});

describe('Call Element API: secrets', () => {
	it('keeps the token and the secrets out of an error that echoes them, in every encoding', async () => {
		const acme = await pardot();
		const secrets = [acme.token, ctx.fake.userSecret, ctx.fake.organizationSecret];
		const echoed = secrets.flatMap((secret) => [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64'), JSON.stringify(secret)]);
		ctx.fake.inject({ method: 'GET', path: CONTACTS, status: 400, body: { message: `Bad request: ${echoed.join(' ')}` } });
		const result = await runProvision({ fake: ctx.fake, items: [{ token: acme.token }], parameters: callWith(CONTACTS) });

		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '400' });
		expect(result.error.message).toContain('Bad request: [redacted]');
		expect(leakedSecrets(shownByNode(result), secrets)).toEqual([]);
	});

	it('names a token the element does not know without showing it', async () => {
		const result = await runProvision({ fake: ctx.fake, items: [{ token: 'unknown-token-value' }], parameters: callWith(CONTACTS) });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(leakedSecrets(shownByNode(result), ['unknown-token-value', ctx.fake.userSecret])).toEqual([]);
	});

	it('outputs records without the token', async () => {
		const acme = await pardot();
		const result = await runProvision({ fake: ctx.fake, items: [{ token: acme.token }], parameters: callWith(CONTACTS) });
		expect(leakedSecrets(shownByNode(result), [acme.token, ctx.fake.userSecret])).toEqual([]);
	});
});
