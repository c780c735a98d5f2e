import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { optionsDescription } from '../../../../nodes/CloudElements/actions/common.descriptions';
import type { Failure } from '../../../../nodes/CloudElements/transport/errors';
import { RetryPolicy } from '../../../../nodes/CloudElements/transport/retry';
import type { RecordedRequest } from '../../../fake-api/server';
import { useFakeCloudElements } from '../../../harness/fake';
import { createInstances } from '../../../harness/instances';
import { runProvision } from '../../../harness/provision';

const ctx = useFakeCloudElements();

/** A failure as the transport reports it; most are clear answers that took no effect. */
const failure = (fields: Partial<Failure>): Failure => ({ maybeApplied: false, ...fields });

describe('RetryPolicy', () => {
	// prettier-ignore
	it.each([
		// failure                                  attempt  delay before the next try (ms)
		['429 without Retry-After',                 { status: 429 },                                          1, 100],
		['429 with Retry-After: 3',                 { status: 429, headers: { 'retry-after': '3' } },         1, 3000],
		['429 with Retry-After: 0',                 { status: 429, headers: { 'retry-after': '0' } },         2, 0],
		['429 with Retry-After: 3600, capped',      { status: 429, headers: { 'retry-after': '3600' } },      1, 60_000],
		['429 with an unreadable Retry-After',      { status: 429, headers: { 'retry-after': 'soon' } },      2, 200],
		['502',                                     { status: 502, maybeApplied: true },                      1, 100],
		['503, second try',                         { status: 503 },                                          2, 200],
		['504, third try',                          { status: 504, maybeApplied: true },                      3, 400],
		['500 from a gateway (not JSON)',           { status: 500, maybeApplied: true },                      1, 100],
		['no answer (refused)',                     { networkMessage: 'connect ECONNREFUSED' },               1, 100],
		['no answer (reset)',                       { networkMessage: 'socket hang up', maybeApplied: true }, 1, 100],
		['no answer (timeout)',                     { networkMessage: 'no answer within 5 ms', timedOut: true, maybeApplied: true }, 2, 200],
		['200 with a body that is not JSON',        { status: 200, unexpected: 'a body that is not JSON', maybeApplied: true }, 1, 100],
		['400',                                     { status: 400 },                                          1, undefined],
		['401',                                     { status: 401 },                                          1, undefined],
		['403',                                     { status: 403 },                                          1, undefined],
		['404',                                     { status: 404 },                                          1, undefined],
		['409',                                     { status: 409 },                                          1, undefined],
		['422',                                     { status: 422 },                                          1, undefined],
		['500, Cloud Elements\' own error',         { status: 500 },                                          1, undefined],
		['503 on the last of 4 tries',              { status: 503 },                                          4, undefined],
		['429 on the last of 4 tries',              { status: 429, headers: { 'retry-after': '1' } },         4, undefined],
	])('%s %j, after try %i: waits %p ms', (_name, fields: Partial<Failure>, attempt, delay) => {
		const policy = new RetryPolicy({ maxTries: 4, retryWaitMs: 100 });
		expect(policy.delayBeforeRetry(failure(fields), attempt)).toBe(delay);
	});

	it('caps the exponential backoff at one minute', () => {
		const policy = new RetryPolicy({ maxTries: 10, retryWaitMs: 10_000 });
		expect([1, 2, 3, 4, 5].map((attempt) => policy.delayBeforeRetry(failure({ status: 503 }), attempt))).toEqual([
			10_000, 20_000, 40_000, 60_000, 60_000,
		]);
	});

	it('reads Retry-After as an HTTP date', () => {
		const policy = new RetryPolicy({ maxTries: 3, retryWaitMs: 100 });
		const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
		const delay = policy.delayBeforeRetry(failure({ status: 429, headers: { 'retry-after': inTenSeconds } }), 1)!;
		// HTTP dates count whole seconds.
		expect(delay).toBeGreaterThan(8_000);
		expect(delay).toBeLessThanOrEqual(10_000);
		const past = new Date(Date.now() - 10_000).toUTCString();
		expect(policy.delayBeforeRetry(failure({ status: 429, headers: { 'retry-after': past } }), 1)).toBe(0);
	});

	it('turns retries off with Max Tries 1', () => {
		const policy = new RetryPolicy({ maxTries: 1, retryWaitMs: 100 });
		expect(policy.delayBeforeRetry(failure({ status: 503 }), 1)).toBeUndefined();
		expect(policy.delayBeforeRetry(failure({ networkMessage: 'socket hang up', maybeApplied: true }), 1)).toBeUndefined();
	});
});

const pardot = (options: IDataObject = {}) => ({
	operation: 'provisionPardot',
	instanceName: '={{ $json.name }}',
	pardotUsername: 'ops@example.com',
	pardotPassword: 'pardot-password-value',
	pardotUserKey: 'pardot-user-key-value',
	options: { retryWaitMs: 5, lookWindowMs: 300, ...options },
});

const creates = (requests: RecordedRequest[]) => requests.filter((request) => request.method === 'POST');
const markerOf = (request: RecordedRequest) => (request.body.tags as string[]).find((tag) => tag.startsWith('n8n-provision:'));
const gaps = (requests: RecordedRequest[]) => requests.slice(1).map((request, index) => request.at - requests[index].at);

describe('retries through the engine', () => {
	it('honours Retry-After in seconds rather than the shorter backoff', async () => {
		ctx.fake.inject({ method: 'POST', status: 429, body: { message: 'Rate limit exceeded' }, headers: { 'Retry-After': '1' } });
		const { status, items, requests } = await runProvision({ fake: ctx.fake, items: [{ name: 'acme' }], parameters: pardot() });

		expect(status).toBe('success');
		expect(items[0].json).toMatchObject({ id: ctx.fake.instances[0].id, provisionAction: 'created' });
		const [gap] = gaps(creates(requests));
		expect(gap).toBeGreaterThanOrEqual(990);
		expect(gap).toBeLessThan(1900);
	});

	it('honours Retry-After given as an HTTP date', async () => {
		const inTwoSeconds = new Date(Date.now() + 2000).toUTCString();
		ctx.fake.inject({ method: 'POST', status: 429, body: { message: 'Rate limit exceeded' }, headers: { 'Retry-After': inTwoSeconds } });
		const { status, requests } = await runProvision({ fake: ctx.fake, items: [{ name: 'acme' }], parameters: pardot() });

		expect(status).toBe('success');
		const [gap] = gaps(creates(requests));
		// The date counts whole seconds: somewhere between one and two seconds from the 429.
		expect(gap).toBeGreaterThanOrEqual(900);
		expect(gap).toBeLessThan(2500);
	});

	it('pauses every item, not only the rate-limited one, until Retry-After has passed', async () => {
		ctx.fake.inject({
			method: 'POST',
			when: (request) => request.body.name === 'c0',
			status: 429,
			body: { message: 'Rate limit exceeded' },
			headers: { 'Retry-After': '1' },
		});
		// c1 is in flight when the 429 comes back; c2 and c3 start after it.
		ctx.fake.inject({ method: 'POST', when: (request) => request.body.name === 'c1', delayMs: 400 });
		const { status, items, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ name: 'c0' }, { name: 'c1' }, { name: 'c2' }, { name: 'c3' }],
			parameters: pardot({ concurrency: 2 }),
		});

		expect(status).toBe('success');
		expect(items.map((item) => item.json.name)).toEqual(['c0', 'c1', 'c2', 'c3']);
		const [limited] = requests;
		expect(limited.body.name).toBe('c0');
		const later = creates(requests).filter((request) => ['c2', 'c3'].includes(request.body.name));
		expect(later).toHaveLength(2);
		for (const request of later) expect(request.at - limited.at).toBeGreaterThanOrEqual(990);
		expect(ctx.fake.instances).toHaveLength(4);
	});

	it('backs off exponentially from Wait Between Tries', async () => {
		ctx.fake.inject({ method: 'POST', status: 503, body: { message: 'Service unavailable' }, times: 2 });
		const { status, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ name: 'acme' }],
			parameters: pardot({ retryWaitMs: 100, maxTries: 3 }),
		});

		expect(status).toBe('success');
		const [first, second] = gaps(creates(requests));
		expect(first).toBeGreaterThanOrEqual(100);
		expect(second).toBeGreaterThanOrEqual(200);
		expect(ctx.fake.instances).toHaveLength(1);
	});

	it('gives up after Max Tries with the status and message of the last answer', async () => {
		ctx.fake.inject({ method: 'POST', status: 503, body: { message: 'Service unavailable' }, times: 10 });
		const { error, requests } = await runProvision({ fake: ctx.fake, items: [{ name: 'acme' }], parameters: pardot({ maxTries: 4 }) });

		expect(creates(requests)).toHaveLength(4);
		expect(error).toMatchObject({ httpCode: '503', message: 'Cloud Elements answered 503: Service unavailable' });
		expect(error.description).toContain('try again later');
	});

	it('after Max Tries of 429, names the options that give Cloud Elements more room', async () => {
		ctx.fake.inject({ method: 'POST', status: 429, headers: { 'retry-after': '0' }, body: { message: 'Too many requests' }, times: 10 });
		const { error, requests } = await runProvision({ fake: ctx.fake, items: [{ name: 'acme' }], parameters: pardot({ maxTries: 2 }) });

		expect(creates(requests)).toHaveLength(2);
		expect(error).toMatchObject({ httpCode: '429', message: 'Cloud Elements answered 429: Too many requests' });
		// The names as the options list shows them, so a renamed option fails here.
		const options = optionsDescription.options as INodeProperties[];
		const shown = (name: string) => options.find((option) => option.name === name)?.displayName;
		for (const name of ['maxTries', 'retryWaitMs', 'concurrency', 'maxConcurrency']) {
			expect(error.description).toContain(shown(name));
		}
	});

	it.each([400, 401, 403, 404, 409, 422, 500])('does not retry a %i', async (httpCode) => {
		ctx.fake.inject({ method: 'POST', status: httpCode, body: { message: 'Not this way' } });
		const { error, requests } = await runProvision({ fake: ctx.fake, items: [{ name: 'acme' }], parameters: pardot() });

		expect(requests).toHaveLength(1);
		expect(error).toMatchObject({ httpCode: String(httpCode), message: `Cloud Elements answered ${httpCode}: Not this way` });
	});
});

describe('a create whose answer was lost', () => {
	it('is looked up by its marker tag and adopted, not sent again', async () => {
		ctx.fake.inject({ method: 'POST', drop: 'after' });
		const { status, items, requests } = await runProvision({ fake: ctx.fake, items: [{ name: 'acme' }], parameters: pardot() });

		expect(status).toBe('success');
		expect(requests.map((request) => request.method)).toEqual(['POST', 'GET']);
		// Cloud Elements' own filter syntax, one tags[] per tag.
		expect(requests[1].query).toMatchObject({ 'tags[]': markerOf(requests[0]) });
		const [instance] = ctx.fake.instances;
		expect(ctx.fake.instances).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: instance.id, token: instance.token, provisionAction: 'created' });
	});

	it("adopts its own instance, never another customer's", async () => {
		const others = await createInstances(ctx.fake, [{ name: 'globex' }, { name: 'initech', tags: ['n8n-provision:other'] }]);
		ctx.fake.inject({ method: 'POST', drop: 'after' });
		const { items } = await runProvision({ fake: ctx.fake, items: [{ name: 'acme' }], parameters: pardot() });

		const acme = ctx.fake.instances.filter((instance) => instance.name === 'acme');
		expect(acme).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: acme[0].id, token: acme[0].token, name: 'acme' });
		expect(others.map((instance) => instance.id)).not.toContain(items[0].json.id);
	});

	it("checks the marker itself when Cloud Elements ignores the tag filter: another customer's instance is never adopted", async () => {
		await createInstances(ctx.fake, [{ name: 'globex' }]);
		ctx.fake.ignoreTagFilter();
		ctx.fake.inject({ method: 'POST', drop: 'before' });
		const { status, items } = await runProvision({ fake: ctx.fake, items: [{ name: 'acme' }], parameters: pardot() });

		expect(status).toBe('success');
		expect(items[0].json.name).toBe('acme');
		expect(ctx.fake.instances.map((instance) => instance.name).sort()).toEqual(['acme', 'globex']);
	});

	it('found in a listing without tokens: its token is read from the instance itself', async () => {
		ctx.fake.omitListTokens();
		ctx.fake.inject({ method: 'POST', drop: 'after' });
		const { status, items, requests } = await runProvision({ fake: ctx.fake, items: [{ name: 'acme' }], parameters: pardot() });

		expect(status).toBe('success');
		const [instance] = ctx.fake.instances;
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /instances',
			'GET /instances',
			`GET /instances/${instance.id}`,
		]);
		expect(items[0].json).toMatchObject({ id: instance.id, token: instance.token });
	});

	it('answered 504 while Cloud Elements still creates it (1.3 s later): found and adopted with the default options', async () => {
		ctx.fake.inject({ method: 'POST', status: 504, body: { message: 'Gateway timeout' }, processAfterMs: 1300 });
		const { status, items, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ name: 'acme' }],
			parameters: { ...pardot(), options: {} },
		});
		await ctx.fake.idle();

		expect(status).toBe('success');
		expect(creates(requests)).toHaveLength(1);
		expect(ctx.fake.instances).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: ctx.fake.instances[0].id, token: ctx.fake.instances[0].token });
	});

	it('that Cloud Elements carries out while the resent create is in flight: the first is kept, the copy deleted', async () => {
		ctx.fake.inject({ method: 'POST', status: 502, body: { message: 'Bad gateway' }, processAfterMs: 400 });
		ctx.fake.inject({ method: 'POST', delayMs: 800 });
		const { status, items, requests } = await runProvision({ fake: ctx.fake, items: [{ name: 'acme' }], parameters: pardot() });
		await ctx.fake.idle();

		expect(status).toBe('success');
		expect(creates(requests)).toHaveLength(2);
		const deletes = requests.filter((request) => request.method === 'DELETE');
		expect(deletes).toHaveLength(1);
		const [kept] = ctx.fake.instances;
		expect(ctx.fake.instances).toHaveLength(1);
		expect(deletes[0].path).not.toBe(`/instances/${kept.id}`);
		expect(items[0].json).toMatchObject({ id: kept.id, token: kept.token, provisionAction: 'created' });
	});

	it('carried out while its resend is refused: found by one more look and adopted, not reported as failed', async () => {
		ctx.fake.inject({ method: 'POST', status: 502, body: { message: 'Bad gateway' }, processAfterMs: 500 });
		ctx.fake.inject({ method: 'POST', status: 409, body: { message: 'Conflict' }, delayMs: 700 });
		const { status, items } = await runProvision({ fake: ctx.fake, items: [{ name: 'acme' }], parameters: pardot({ lookWindowMs: 100 }) });
		await ctx.fake.idle();

		expect(status).toBe('success');
		expect(ctx.fake.instances).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: ctx.fake.instances[0].id, token: ctx.fake.instances[0].token });
	});

	it('that timed out is not sent again while it may still show up, and is adopted once it does', async () => {
		ctx.fake.inject({ method: 'POST', delayMs: 1200 });
		const { status, items, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ name: 'acme' }],
			parameters: pardot({ timeoutMs: 800, retryWaitMs: 200, lookWindowMs: 2000 }),
		});
		await ctx.fake.idle();

		expect(status).toBe('success');
		expect(creates(requests)).toHaveLength(1);
		expect(ctx.fake.instances).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: ctx.fake.instances[0].id, token: ctx.fake.instances[0].token });
	});

	it('answered with cut-off JSON is adopted too', async () => {
		ctx.fake.inject({ method: 'POST', status: 200, rawBody: '{"id": 1000, "tok', process: true });
		const { status, items, requests } = await runProvision({ fake: ctx.fake, items: [{ name: 'acme' }], parameters: pardot() });

		expect(status).toBe('success');
		expect(creates(requests)).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: ctx.fake.instances[0].id, token: ctx.fake.instances[0].token });
	});

	it.each([
		['an empty body', ''],
		['null', 'null'],
		['{"status":"accepted"}', '{"status":"accepted"}'],
		['an instance without a token', '{"id": 999, "name": "acme"}'],
	])('answered 200 with %s is never output as a success: the instance it made is looked up', async (_name, rawBody) => {
		ctx.fake.inject({ method: 'POST', status: 200, rawBody, process: true });
		const { status, items, requests } = await runProvision({ fake: ctx.fake, items: [{ name: 'acme' }], parameters: pardot() });

		expect(status).toBe('success');
		expect(creates(requests)).toHaveLength(1);
		expect(ctx.fake.instances).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: ctx.fake.instances[0].id, token: ctx.fake.instances[0].token });
	});

	it('answered 200 without an instance, having made none, fails clearly when no try is left', async () => {
		ctx.fake.inject({ method: 'POST', status: 200, rawBody: '{"status":"accepted"}' });
		const { error } = await runProvision({ fake: ctx.fake, items: [{ name: 'acme' }], parameters: pardot({ maxTries: 1 }) });

		expect(error.message).toBe('Cloud Elements answered 200 with an instance without an id or a token');
		expect(error.description).toMatch(/No instance carries this create's marker tag n8n-provision:[0-9a-f-]{36}, so none was created/);
		expect(ctx.fake.instances).toHaveLength(0);
	});

	it('with retries off is still looked up once, and adopted when it exists', async () => {
		ctx.fake.inject({ method: 'POST', drop: 'after' });
		const { status, items, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ name: 'acme' }],
			parameters: pardot({ maxTries: 1, lookWindowMs: 0 }),
		});

		expect(status).toBe('success');
		expect(requests.map((request) => request.method)).toEqual(['POST', 'GET']);
		expect(items[0].json).toMatchObject({ id: ctx.fake.instances[0].id, token: ctx.fake.instances[0].token });
	});

	it('with retries off, when nothing was made, fails saying no instance carries its marker', async () => {
		ctx.fake.inject({ method: 'POST', drop: 'before' });
		const { error, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ name: 'acme' }],
			parameters: pardot({ maxTries: 1, lookWindowMs: 0 }),
		});

		expect(error.message).toMatch(/^Could not reach Cloud Elements: The connection to the server was closed unexpectedly/);
		expect(error.description).toContain(`No instance carries this create's marker tag ${markerOf(requests[0])}, so none was created`);
		expect(requests.map((request) => request.method)).toEqual(['POST', 'GET']);
		expect(ctx.fake.instances).toHaveLength(0);
	});

	it('says so when the lookup for it fails too, and sends nothing more', async () => {
		ctx.fake.inject({ method: 'POST', drop: 'after' });
		ctx.fake.inject({ method: 'GET', status: 503, body: { message: 'Service unavailable' }, times: 10 });
		const { error, requests } = await runProvision({ fake: ctx.fake, items: [{ name: 'acme' }], parameters: pardot({ maxTries: 2 }) });

		expect(error.description).toContain(`looking for the instance by its marker tag ${markerOf(requests[0])} failed too`);
		expect(creates(requests)).toHaveLength(1);
		expect(ctx.fake.instances).toHaveLength(1);
	});
});
