import type { IDataObject } from 'n8n-workflow';

import type { Fault, RecordedRequest } from '../../fake-api/server';
import { useFakeCloudElements } from '../../harness/fake';
import { createInstances } from '../../harness/instances';
import { runProvision } from '../../harness/provision';
import { leakedSecrets, shownByNode } from '../../harness/shown';

/**
 * Fault matrix (issue 4, item 8): each fault the fake can inject, hitting the
 * second of three customers, with retries on and off and with "On Error:
 * Continue" on and off. Each case counts the fake's instances per name
 * (a duplicate is a second instance of a name) and accounts for every input
 * item (an output item, or the clear failure of the run).
 */

const ctx = useFakeCloudElements();

// Only the rows about timeouts set one; everywhere else a loaded machine must not cause one.
const TIMEOUT_MS = 800;
// How long a lost create is looked for: short here, longer where the row's create completes late.
const LOOK_WINDOW_MS = 200;
const shortTimeout = { timeoutMs: TIMEOUT_MS, lookWindowMs: 2.5 * TIMEOUT_MS };
const longerLook = { lookWindowMs: 1500 };
const customers = [{ name: 'c0' }, { name: 'c1' }, { name: 'c2' }];
const FAULTY = 'c1';

const secretsOf = () => [
	ctx.fake.userSecret,
	ctx.fake.organizationSecret,
	'pardot-password-value',
	'pardot-user-key-value',
];

const isFaultyCreate = (request: RecordedRequest) => request.body?.name === FAULTY;
const isMarkerLookup = (request: RecordedRequest) => String(request.query['tags[]'] ?? '').startsWith('n8n-provision:');
const isNameLookup = (request: RecordedRequest) => request.query.searchText === FAULTY;

/** Faults on the faulty customer's create, on the retry's marker lookup, on the if-exists lookup, on the replace's delete. */
const onCreate = (fault: Fault): Fault => ({ method: 'POST', path: '/instances', when: isFaultyCreate, ...fault });
const onMarkerLookup = (fault: Fault): Fault => ({ method: 'GET', path: '/instances', when: isMarkerLookup, ...fault });
const onNameLookup = (fault: Fault): Fault => ({ method: 'GET', path: '/instances', when: isNameLookup, ...fault });
const onDelete = (fault: Fault): Fault => ({ method: 'DELETE', ...fault });

const http = (status: number, message: string, extra: Partial<Fault> = {}): Fault => ({ status, body: { message }, ...extra });
const html = (status: number): Fault => ({ status, rawBody: '<html><body><h1>Bad Gateway</h1></body></html>', contentType: 'text/html' });
const CUT_OFF_JSON = '{"id": 1000, "name": "c1", "tok';

interface Outcome {
	ok: boolean;
	/** `provisionAction` of a faulty customer's output item. */
	action?: string;
	/** The error's HTTP status, or null when no HTTP answer came. */
	httpCode?: string | null;
	message?: string | RegExp;
	/** Instances named c1 in the fake once every request (late ones included) is done. */
	instances: 0 | 1;
	/** `POST /instances` sent for c1: more than one only where the previous try surely created nothing. */
	creates: number;
}

const ok = (creates: number, action = 'created'): Outcome => ({ ok: true, action, instances: 1, creates });
const fails = (status: number, message: string, instances: 0 | 1 = 0, creates = 1): Outcome => ({
	ok: false,
	httpCode: String(status),
	message: `Cloud Elements answered ${status}${message ? `: ${message}` : ''}`,
	instances,
	creates,
});
const noAnswer = (message: string | RegExp, instances: 0 | 1, creates = 1): Outcome => ({
	ok: false,
	httpCode: null,
	message,
	instances,
	creates,
});
const unreadable = (instances: 0 | 1): Outcome => ({
	...fails(200, '', instances),
	message: 'Cloud Elements answered 200 with a body that is not JSON',
});
const notAnInstance = (what: string): Outcome => ({
	...fails(200, '', 0),
	message: `Cloud Elements answered 200 with ${what}`,
});
const RESET = /^Could not reach Cloud Elements: The connection to the server was closed unexpectedly/;

interface FaultRow {
	fault: string;
	inject: Fault[];
	retriesOn: Outcome;
	retriesOff: Outcome;
	/** If Instance Already Exists, and whether c1 exists before the run. */
	ifExists?: string;
	existing?: boolean;
	options?: IDataObject;
}

// prettier-ignore
const faults: FaultRow[] = [
	// fault                                                  injected                                                                             retries on              retries off
	{ fault: '400 with a service message',                   inject: [onCreate(http(400, 'Failed to connect to Pardot with the given user key'))], retriesOn: fails(400, 'Failed to connect to Pardot with the given user key'), retriesOff: fails(400, 'Failed to connect to Pardot with the given user key') },
	{ fault: '400 echoing the user key',                     inject: [onCreate(http(400, 'User key pardot-user-key-value is not valid'))],        retriesOn: fails(400, 'User key [redacted] is not valid'), retriesOff: fails(400, 'User key [redacted] is not valid') },
	{ fault: '401',                                          inject: [onCreate(http(401, 'Invalid user secret and/or organization secret.'))],    retriesOn: fails(401, 'Invalid user secret and/or organization secret.'), retriesOff: fails(401, 'Invalid user secret and/or organization secret.') },
	{ fault: '403',                                          inject: [onCreate(http(403, 'Your organization may not create instances'))],         retriesOn: fails(403, 'Your organization may not create instances'), retriesOff: fails(403, 'Your organization may not create instances') },
	{ fault: '404',                                          inject: [onCreate(http(404, 'No element found with key pardot'))],                   retriesOn: fails(404, 'No element found with key pardot'), retriesOff: fails(404, 'No element found with key pardot') },
	{ fault: '409',                                          inject: [onCreate(http(409, 'Conflict'))],                                           retriesOn: fails(409, 'Conflict'), retriesOff: fails(409, 'Conflict') },
	{ fault: "500, Cloud Elements' own error (not retried)", inject: [onCreate(http(500, 'Something went wrong on the Cloud Elements server'))],  retriesOn: fails(500, 'Something went wrong on the Cloud Elements server'), retriesOff: fails(500, 'Something went wrong on the Cloud Elements server') },
	{ fault: '429 with Retry-After: 0',                      inject: [onCreate(http(429, 'Rate limit exceeded', { headers: { 'Retry-After': '0' } }))], retriesOn: ok(2), retriesOff: fails(429, 'Rate limit exceeded') },
	{ fault: '429 without Retry-After',                      inject: [onCreate(http(429, 'Rate limit exceeded'))],                                retriesOn: ok(2),       retriesOff: fails(429, 'Rate limit exceeded') },
	{ fault: '502',                                          inject: [onCreate(http(502, 'Bad gateway'))],                                        retriesOn: ok(2),       retriesOff: fails(502, 'Bad gateway') },
	{ fault: '503',                                          inject: [onCreate(http(503, 'Service unavailable'))],                                retriesOn: ok(2),       retriesOff: fails(503, 'Service unavailable') },
	{ fault: '504',                                          inject: [onCreate(http(504, 'Gateway timeout'))],                                    retriesOn: ok(2),       retriesOff: fails(504, 'Gateway timeout') },
	{ fault: '503 twice, then fine',                         inject: [onCreate(http(503, 'Service unavailable', { times: 2 }))],                  retriesOn: ok(3),       retriesOff: fails(503, 'Service unavailable') },
	{ fault: '503 on every try',                             inject: [onCreate(http(503, 'Service unavailable', { times: 10 }))],                 retriesOn: fails(503, 'Service unavailable', 0, 3), retriesOff: fails(503, 'Service unavailable') },
	{ fault: '502 after creating the instance',              inject: [onCreate({ ...http(502, 'Bad gateway'), process: true })],                  retriesOn: ok(1),       retriesOff: ok(1) },
	{ fault: '504 after creating the instance',              inject: [onCreate({ ...http(504, 'Gateway timeout'), process: true })],              retriesOn: ok(1),       retriesOff: ok(1) },
	{ fault: '504, the instance created 400 ms later',       inject: [onCreate({ ...http(504, 'Gateway timeout'), processAfterMs: 400 })], options: longerLook, retriesOn: ok(1), retriesOff: ok(1) },
	{ fault: '502, created while the resent create is held', inject: [onCreate({ ...http(502, 'Bad gateway'), processAfterMs: 2 * LOOK_WINDOW_MS }), onCreate({ delayMs: 4 * LOOK_WINDOW_MS })], retriesOn: ok(2), retriesOff: fails(502, 'Bad gateway', 1) },
	{ fault: 'HTML error page with 502',                     inject: [onCreate(html(502))],                                                       retriesOn: ok(2),       retriesOff: fails(502, '') },
	{ fault: 'HTML error page with 500',                     inject: [onCreate(html(500))],                                                       retriesOn: ok(2),       retriesOff: fails(500, '') },
	{ fault: 'HTML error page with 503 after creating',      inject: [onCreate({ ...html(503), process: true })],                                 retriesOn: ok(1),       retriesOff: ok(1) },
	{ fault: 'malformed JSON with 200, nothing created',     inject: [onCreate({ status: 200, rawBody: CUT_OFF_JSON })],                           retriesOn: ok(2),       retriesOff: unreadable(0) },
	{ fault: 'malformed JSON with 200 after creating',       inject: [onCreate({ status: 200, rawBody: CUT_OFF_JSON, process: true })],           retriesOn: ok(1),       retriesOff: ok(1) },
	{ fault: 'empty 200 after creating',                     inject: [onCreate({ status: 200, rawBody: '', process: true })],                     retriesOn: ok(1),       retriesOff: ok(1) },
	{ fault: 'null with 200 after creating',                 inject: [onCreate({ status: 200, rawBody: 'null', process: true })],                 retriesOn: ok(1),       retriesOff: ok(1) },
	{ fault: '202 "accepted", created 300 ms later',         inject: [onCreate({ status: 202, rawBody: '{"status":"accepted"}', processAfterMs: 300 })], options: longerLook, retriesOn: ok(1), retriesOff: ok(1) },
	{ fault: '200 with an instance without a token',         inject: [onCreate({ status: 200, rawBody: '{"id": 999, "name": "c1"}' })],          retriesOn: ok(2),       retriesOff: notAnInstance('an instance without a token') },
	{ fault: 'connection closed before reading the request', inject: [onCreate({ drop: 'before' })],                                              retriesOn: ok(2),       retriesOff: noAnswer(RESET, 0) },
	{ fault: 'connection closed after creating',             inject: [onCreate({ drop: 'after' })],                                               retriesOn: ok(1),       retriesOff: ok(1) },
	{ fault: 'connection closed, created 300 ms later',      inject: [onCreate({ drop: 'after', processAfterMs: 300 })], options: longerLook,     retriesOn: ok(1),       retriesOff: ok(1) },
	{ fault: 'closed after creating, the lookup gets 503',   inject: [onCreate({ drop: 'after' }), onMarkerLookup(http(503, 'Service unavailable'))], retriesOn: ok(1),   retriesOff: noAnswer(RESET, 1) },
	{ fault: 'latency within the timeout',                   inject: [onCreate({ delayMs: TIMEOUT_MS / 4 })], options: shortTimeout,           retriesOn: ok(1),       retriesOff: ok(1) },
	{ fault: 'answer slower than the timeout',               inject: [onCreate({ delayMs: 2 * TIMEOUT_MS })], options: shortTimeout,           retriesOn: ok(1),       retriesOff: ok(1) },
	{ fault: 'slower than the timeout, done by a later look', inject: [onCreate({ delayMs: 1.5 * TIMEOUT_MS })], options: { ...shortTimeout, retryWaitMs: TIMEOUT_MS / 2 }, retriesOn: ok(1), retriesOff: ok(1) },
	{ fault: 'Return Existing: the lookup gets 503',         inject: [onNameLookup(http(503, 'Service unavailable'))], ifExists: 'returnExisting', existing: true, retriesOn: ok(0, 'existing'), retriesOff: fails(503, 'Service unavailable', 1, 0) },
	{ fault: 'Replace: connection closed after the delete',  inject: [onDelete({ drop: 'after' })], ifExists: 'replace', existing: true,           retriesOn: ok(1, 'replaced'), retriesOff: ok(1, 'replaced') },
	{ fault: 'Replace: the create gets 503',                 inject: [onCreate(http(503, 'Service unavailable'))], ifExists: 'replace', existing: true, retriesOn: ok(2, 'replaced'), retriesOff: fails(503, 'Service unavailable') },
	{ fault: 'Update Configuration: closed after the patch', inject: [{ method: 'PATCH', drop: 'after' }], ifExists: 'updateConfiguration', existing: true, retriesOn: ok(0, 'updated'), retriesOff: noAnswer(RESET, 1, 0) },
];

/** A message as a pattern: a string must match in full. */
const exactly = (message: string | RegExp) =>
	typeof message === 'string' ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : message;

const cases = faults.flatMap((row) =>
	[true, false].flatMap((retries) =>
		[true, false].map((continueOnFail) => ({
			...row,
			retries,
			continueOnFail,
			expected: retries ? row.retriesOn : row.retriesOff,
		})),
	),
);


describe('fault matrix', () => {
	it.each(cases)(
		'$fault, retries on: $retries, continue on fail: $continueOnFail',
		async ({ inject, expected, retries, continueOnFail, ifExists, existing, options }) => {
			const seeded = existing ? await createInstances(ctx.fake, [{ name: FAULTY }]) : [];
			for (const fault of inject) ctx.fake.inject(fault);

			const result = await runProvision({
				fake: ctx.fake,
				items: customers,
				parameters: {
					operation: 'provisionPardot',
					instanceName: '={{ $json.name }}',
					pardotUsername: 'ops@example.com',
					pardotPassword: 'pardot-password-value',
					pardotUserKey: 'pardot-user-key-value',
					ifExists: ifExists ?? 'createAnother',
					options: { maxTries: retries ? 3 : 1, retryWaitMs: 5, lookWindowMs: LOOK_WINDOW_MS, ...options },
				},
				onError: continueOnFail ? 'continueRegularOutput' : undefined,
			});
			// A request that outlived the node's timeout may still create an instance: count after it.
			await ctx.fake.idle();

			// Zero duplicates: no name has a second instance.
			const perName = new Map<string, IDataObject[]>();
			for (const instance of ctx.fake.instances) perName.set(instance.name, [...(perName.get(instance.name) ?? []), instance]);
			const duplicates = [...perName.values()].reduce((sum, list) => sum + list.length - 1, 0);
			expect(duplicates).toBe(0);
			expect(perName.get('c0')).toHaveLength(1);
			expect(perName.get('c2')).toHaveLength(1);
			expect(perName.get(FAULTY) ?? []).toHaveLength(expected.instances);
			const creates = result.requests.filter((request) => request.method === 'POST' && isFaultyCreate(request));
			expect(creates).toHaveLength(expected.creates);

			// Zero lost: every item has its output, or the run stopped with an error naming the failed item.
			const failedRun = result.status === 'error';
			const accountedFor = customers.filter(
				(_, index) => failedRun || result.items.some((item) => (item.pairedItem as { item: number }).item === index),
			);
			const lost = customers.length - accountedFor.length;
			expect(lost).toBe(0);

			const [instance] = perName.get(FAULTY) ?? [];
			if (expected.ok || continueOnFail) {
				expect(result.status).toBe('success');
				expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
				for (const index of [0, 2]) {
					const [own] = perName.get(customers[index].name)!;
					expect(result.items[index].json).toMatchObject({ id: own.id, token: own.token, provisionAction: 'created' });
				}
			}
			if (expected.ok) {
				expect(result.items[1].json).toMatchObject({ id: instance.id, token: instance.token, provisionAction: expected.action });
				if (expected.action === 'existing' || expected.action === 'updated') expect(instance.id).toBe(seeded[0].id);
				if (expected.action === 'replaced') expect(instance.id).not.toBe(seeded[0].id);
			} else if (continueOnFail) {
				expect(result.items[1].json.error).toMatch(exactly(expected.message!));
				expect(result.items[1].error).toMatchObject({ httpCode: expected.httpCode, context: { itemIndex: 1 } });
			} else {
				expect(result.status).toBe('error');
				expect(result.error.message).toMatch(exactly(expected.message!));
				expect(result.error.httpCode).toBe(expected.httpCode);
				expect(result.error.context.itemIndex).toBe(1);
			}

			expect(leakedSecrets(shownByNode(result), secretsOf())).toEqual([]);
		},
	);
});
