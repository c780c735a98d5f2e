import type { IDataObject } from 'n8n-workflow';

import { useFakeCloudElements } from '../../harness/fake';
import { createInstances } from '../../harness/instances';
import { runProvision } from '../../harness/provision';
import { leakedSecrets, shownByNode } from '../../harness/shown';

/**
 * Bad-input matrix (issue 4, item 7). Per-customer data reaches the node
 * through expressions over the input items, so each case feeds a good item
 * first and a bad one second, and expects either a clear error naming the
 * field and the item (nothing sent, for any item) or sensible handling.
 * Each case runs with "On Error: Continue" off and on; none may crash the
 * engine or show a secret.
 */

const ctx = useFakeCloudElements();

const HUGE_API_KEY = 'autopilot-api-key-value-'.repeat(2000);
const secretsOf = () => [
	ctx.fake.userSecret,
	ctx.fake.organizationSecret,
	'pardot-password-value',
	'pardot-user-key-value',
	'autopilot-api-key-value',
	'signature-key-value',
];

/** Each operation's parameters (every per-customer value an expression) and a good item for it. */
const operations: Record<string, { parameters: IDataObject; good: (existingId: number) => IDataObject }> = {
	pardot: {
		parameters: {
			operation: 'provisionPardot',
			instanceName: '={{ $json.name }}',
			pardotUsername: '={{ $json.user }}',
			pardotPassword: '={{ $json.password }}',
			pardotUserKey: '={{ $json.userKey }}',
			pardotApiVersion: '={{ $json.version }}',
			tags: ['={{ $json.tags }}'],
			additionalFields: {
				eventsEnabled: '={{ $json.events }}',
				eventCallbackUrl: '={{ $json.callback }}',
				pollingInterval: '={{ $json.polling }}',
				signatureKey: '={{ $json.signature }}',
			},
		},
		good: () => ({ name: 'acme', user: 'ops@acme.example', password: 'pardot-password-value', userKey: 'pardot-user-key-value' }),
	},
	autopilot: {
		parameters: { operation: 'provisionAutopilot', instanceName: '={{ $json.name }}', autopilotApiKey: '={{ $json.apiKey }}' },
		good: () => ({ name: 'acme-autopilot', apiKey: 'autopilot-api-key-value' }),
	},
	get: {
		parameters: { operation: 'getInstance', instanceId: '={{ $json.id }}' },
		good: (id) => ({ id }),
	},
	delete: {
		parameters: { operation: 'deleteInstance', instanceId: '={{ $json.id }}' },
		good: (id) => ({ id }),
	},
	list: {
		parameters: {
			operation: 'listInstances',
			limit: '={{ $json.limit }}',
			filters: { element: '={{ $json.element }}', name: '={{ $json.nameContains }}', tags: ['={{ $json.tags }}'] },
		},
		good: () => ({ limit: 10 }),
	},
	update: {
		parameters: {
			operation: 'updateInstance',
			instanceId: '={{ $json.id }}',
			updateElement: 'pardot',
			updateFields: { name: '={{ $json.newName }}' },
			pardotConfiguration: { pardotApiVersion: '={{ $json.version }}', pardotPassword: '={{ $json.password }}' },
		},
		good: (id) => ({ id, newName: 'acme-renamed' }),
	},
	updateAnyElement: {
		parameters: { operation: 'updateInstance', instanceId: '={{ $json.id }}', updateElement: '={{ $json.element }}', updateFields: { name: 'acme-renamed' } },
		good: (id) => ({ id, element: 'pardot' }),
	},
};

type Expectation =
	/** A NodeOperationError with this exact message for item 1; no request for any item. */
	| { rejects: string }
	/** An error for the whole run (credentials, options), with this exact message; no request. */
	| { rejectsRun: string }
	/** Sent (item 1's request body contains this) and output (item 1's output contains `outputs`). */
	| { sends?: IDataObject; outputs?: IDataObject }
	/** Sent, and Cloud Elements' own error for item 1 is shown. */
	| { answers: [number, string] };

interface Row {
	input: string;
	operation: keyof typeof operations;
	item?: IDataObject;
	credentials?: IDataObject;
	options?: IDataObject;
	expected: Expectation;
}

const pardotError = (problems: string) => ({ rejects: `Missing or invalid Pardot fields: ${problems} [item 1]` });
const idError = (problem: string) => ({ rejects: `Invalid fields: Instance ID ${problem} [item 1]` });
const listError = (problem: string) => ({ rejects: `Invalid list filters: ${problem} [item 1]` });
const updateError = (problem: string) => ({ rejects: `Invalid update: ${problem} [item 1]` });
const BASE_URL_ERROR = { rejectsRun: 'The Base URL in the Cloud Elements API credentials is not an http(s) URL' };
const HUGE_NAME = 'x'.repeat(100_000);
const UNICODE_NAME = 'Müller & Søn 🚀 東京 — ñ';

// prettier-ignore
const rows: Row[] = [
	// input                                          operation     bad item (over the good one)                              expected
	{ input: 'Instance Name empty',                    operation: 'pardot', item: { name: '' },                            expected: pardotError('Instance Name is missing') },
	{ input: 'Instance Name only whitespace',          operation: 'pardot', item: { name: ' \t ' },                        expected: pardotError('Instance Name is missing') },
	{ input: 'Instance Name missing from the item',    operation: 'pardot', item: { name: undefined },                     expected: pardotError('Instance Name is missing') },
	{ input: 'Instance Name null',                     operation: 'pardot', item: { name: null },                          expected: pardotError('Instance Name is missing') },
	{ input: 'Instance Name an object',                operation: 'pardot', item: { name: { first: 'Acme' } },             expected: pardotError('Instance Name must be text') },
	{ input: 'Instance Name a list',                   operation: 'pardot', item: { name: ['acme'] },                      expected: pardotError('Instance Name must be text') },
	{ input: 'Instance Name a boolean',                operation: 'pardot', item: { name: true },                          expected: pardotError('Instance Name must be text') },
	{ input: 'Instance Name a number',                 operation: 'pardot', item: { name: 42 },                            expected: { sends: { name: '42' }, outputs: { name: '42' } } },
	{ input: 'Instance Name with spaces around',       operation: 'pardot', item: { name: '  acme  ' },                    expected: { sends: { name: 'acme' }, outputs: { name: 'acme' } } },
	{ input: 'Instance Name of 100 000 characters',    operation: 'pardot', item: { name: HUGE_NAME },                     expected: { sends: { name: HUGE_NAME }, outputs: { name: HUGE_NAME } } },
	{ input: 'Instance Name in unicode',               operation: 'pardot', item: { name: UNICODE_NAME },                  expected: { sends: { name: UNICODE_NAME }, outputs: { name: UNICODE_NAME } } },
	{ input: 'Username only whitespace',               operation: 'pardot', item: { user: '   ' },                        expected: pardotError('Username (apikey.user.name) is missing') },
	{ input: 'Password and User Key missing',          operation: 'pardot', item: { password: undefined, userKey: undefined }, expected: pardotError('Password (apikey.user.password) is missing; User Key (apikey.user.key) is missing') },
	{ input: 'Password an object holding the secret',  operation: 'pardot', item: { password: { value: 'pardot-password-value' } }, expected: pardotError('Password (apikey.user.password) must be text, not object') },
	{ input: 'User Key a list holding the secret',     operation: 'pardot', item: { userKey: ['pardot-user-key-value'] }, expected: pardotError('User Key (apikey.user.key) must be text, not a list') },
	{ input: 'User Key a number',                      operation: 'pardot', item: { userKey: 123456 },                     expected: { sends: { configuration: expect.objectContaining({ 'apikey.user.key': '123456' }) } } },
	{ input: 'API Version 5',                          operation: 'pardot', item: { version: 5 },                          expected: pardotError('API Version (provider.version) must be one of 3, 4 (got "5")') },
	{ input: 'API Version "v4"',                       operation: 'pardot', item: { version: 'v4' },                       expected: pardotError('API Version (provider.version) must be one of 3, 4 (got "v4")') },
	{ input: 'API Version 4 as a number',              operation: 'pardot', item: { version: 4 },                          expected: { sends: { configuration: expect.objectContaining({ 'provider.version': '4' }) } } },
	{ input: 'API Version " 4 " with spaces',          operation: 'pardot', item: { version: ' 4 ' },                      expected: { sends: { configuration: expect.objectContaining({ 'provider.version': '4' }) } } },
	{ input: 'Tags an object',                         operation: 'pardot', item: { tags: { team: 'sales' } },             expected: pardotError('Tags entry 1 must be text') },
	{ input: 'Tags a list with an object',             operation: 'pardot', item: { tags: ['vip', { team: 'sales' }] },    expected: pardotError('Tags entry 2 must be text') },
	{ input: 'Tags a list with blank entries',         operation: 'pardot', item: { tags: ['', '  ', 'vip'] },             expected: { sends: { tags: ['vip', expect.stringMatching(/^n8n-provision:/)] } } },
	{ input: 'Events Enabled "yes"',                   operation: 'pardot', item: { events: 'yes' },                       expected: pardotError('Events Enabled (event.notification.enabled) must be true or false (got "yes")') },
	{ input: 'Polling Interval negative',              operation: 'pardot', item: { polling: -5 },                         expected: pardotError('Polling Interval (Minutes) (event.poller.refresh_interval) must be a number of zero or more (got "-5")') },
	{ input: 'Polling Interval "soon"',                operation: 'pardot', item: { polling: 'soon' },                     expected: pardotError('Polling Interval (Minutes) (event.poller.refresh_interval) must be a number of zero or more (got "soon")') },
	{ input: 'Polling Interval "15" as text',          operation: 'pardot', item: { polling: '15' },                       expected: { sends: { configuration: expect.objectContaining({ 'event.poller.refresh_interval': '15' }) } } },
	{ input: 'Callback URL an object',                 operation: 'pardot', item: { callback: { url: 'https://example.com' } }, expected: pardotError('Event Notification Callback URL (event.notification.callback.url) must be text, not object') },
	{ input: 'Signature Key a list holding the secret', operation: 'pardot', item: { signature: ['signature-key-value'] }, expected: pardotError('Callback Signature Key (event.notification.signature.key) must be text, not a list') },
	{ input: 'several fields wrong at once',           operation: 'pardot', item: { name: ' ', user: {}, userKey: '', version: '9' }, expected: pardotError('Username (apikey.user.name) must be text, not object; User Key (apikey.user.key) is missing; API Version (provider.version) must be one of 3, 4 (got "9"); Instance Name is missing') },
	{ input: 'Autopilot API Key empty',                operation: 'autopilot', item: { apiKey: '' },                       expected: { rejects: 'Missing or invalid Autopilot fields: API Key (api.key) is missing [item 1]' } },
	{ input: 'Autopilot API Key of 48 000 characters', operation: 'autopilot', item: { apiKey: HUGE_API_KEY },             expected: { sends: { configuration: { 'api.key': HUGE_API_KEY } }, outputs: { configuration: expect.objectContaining({ 'api.key': '********' }) } } },
	{ input: 'Instance ID letters',                    operation: 'get', item: { id: 'abc' },                              expected: idError('must be a whole number (got "abc")') },
	{ input: 'Instance ID negative',                   operation: 'get', item: { id: -1 },                                 expected: idError('must be a whole number (got "-1")') },
	{ input: 'Instance ID a fraction',                 operation: 'get', item: { id: 1.5 },                                expected: idError('must be a whole number (got "1.5")') },
	{ input: 'Instance ID empty',                      operation: 'get', item: { id: '' },                                 expected: idError('is missing') },
	{ input: 'Instance ID an object',                  operation: 'get', item: { id: { id: 7 } },                          expected: idError('must be text') },
	{ input: 'Instance ID with spaces around',         operation: 'get', item: { id: ' 99 ' },                             expected: { answers: [404, 'No instance found with ID 99'] } },
	{ input: 'Instance ID of 40 digits',               operation: 'get', item: { id: '1'.repeat(40) },                     expected: { answers: [404, `No instance found with ID ${'1'.repeat(40)}`] } },
	{ input: 'Instance ID with SQL in it',             operation: 'delete', item: { id: '12; DROP TABLE instances' },      expected: idError('must be a whole number (got "12; DROP TABLE instances")') },
	{ input: 'Instance ID a path',                     operation: 'delete', item: { id: '../elements' },                   expected: idError('must be a whole number (got "../elements")') },
	{ input: 'Limit 0',                                operation: 'list', item: { limit: 0 },                              expected: listError('Limit must be a whole number of 1 or more') },
	{ input: 'Limit "ten"',                            operation: 'list', item: { limit: 'ten' },                          expected: listError('Limit must be a whole number of 1 or more') },
	{ input: 'Limit 2.5',                              operation: 'list', item: { limit: 2.5 },                            expected: listError('Limit must be a whole number of 1 or more') },
	{ input: 'Name Contains an object',                operation: 'list', item: { nameContains: { name: 'acme' } },        expected: listError('Name Contains must be text') },
	{ input: 'Tags filter with an object',             operation: 'list', item: { tags: [{ team: 'sales' }] },             expected: listError('Tags entry 1 must be text') },
	{ input: 'update with nothing to change',          operation: 'update', item: { newName: undefined },                  expected: updateError('Set at least one field or configuration entry to change') },
	{ input: 'update to an empty name',                operation: 'update', item: { newName: '' },                         expected: updateError('Instance Name is missing') },
	{ input: 'update to API Version 7',                operation: 'update', item: { version: 7 },                          expected: updateError('API Version (provider.version) must be one of 3, 4 (got "7")') },
	{ input: 'update with a password object',          operation: 'update', item: { password: { value: 'pardot-password-value' } }, expected: updateError('Password (apikey.user.password) must be text, not object') },
	{ input: 'update of an unknown element',           operation: 'updateAnyElement', item: { element: 'sailthru' },       expected: updateError('Element must be one of autopilot, campaignmonitor, hubspot, icontact, mailchimpv3, mailjetmarketing, marketo, eloqua, pardot') },
	{ input: 'Base URL without http(s)://',            operation: 'pardot', credentials: { baseUrl: 'api.cloud-elements.com/elements/api-v2' }, expected: BASE_URL_ERROR },
	{ input: 'Base URL with ftp://',                   operation: 'pardot', credentials: { baseUrl: 'ftp://api.cloud-elements.com/elements/api-v2' }, expected: BASE_URL_ERROR },
	{ input: 'Base URL empty',                         operation: 'get', credentials: { baseUrl: '' },                     expected: BASE_URL_ERROR },
	{ input: 'Base URL with a space in the host',      operation: 'list', credentials: { baseUrl: 'https:// api.cloud-elements.com' }, expected: BASE_URL_ERROR },
	{ input: 'Concurrency 51',                         operation: 'pardot', options: { concurrency: 51 },                  expected: { rejectsRun: 'Invalid options: Concurrency must be a whole number from 0 (Auto) to 50' } },
	{ input: 'Max Concurrency (Auto) 0',               operation: 'pardot', options: { concurrency: 0, maxConcurrency: 0 }, expected: { rejectsRun: 'Invalid options: Max Concurrency (Auto) must be a whole number from 1 to 50' } },
	{ input: 'Max Tries 11',                           operation: 'pardot', options: { maxTries: 11 },                     expected: { rejectsRun: 'Invalid options: Max Tries must be a whole number from 1 to 10' } },
	{ input: 'Timeout -1 and Wait 1.5',                operation: 'list', options: { timeoutMs: -1, retryWaitMs: 1.5 },    expected: { rejectsRun: 'Invalid options: Wait Between Tries (Ms) must be a whole number from 0 to 60000; Timeout (Ms) must be a whole number from 1 to 600000' } },
];

const cases = rows.flatMap((row) => [false, true].map((continueOnFail) => ({ ...row, continueOnFail })));

describe('bad-input matrix', () => {
	it.each(cases)('$input ($operation), continue on fail: $continueOnFail', async (row) => {
		const { expected, continueOnFail } = row;
		const [existing] = await createInstances(ctx.fake, [{ name: 'existing-acme' }]);
		const operation = operations[row.operation];
		const good = operation.good(existing.id);

		const result = await runProvision({
			fake: ctx.fake,
			items: [good, { ...good, ...row.item }],
			// One at a time, so the second request is the second item's.
			parameters: { ...operation.parameters, options: { concurrency: 1, ...row.options } },
			credentials: row.credentials,
			onError: continueOnFail ? 'continueRegularOutput' : undefined,
		});
		const { status, error, items, requests } = result;

		if ('rejects' in expected || 'rejectsRun' in expected) {
			const message = 'rejects' in expected ? expected.rejects : expected.rejectsRun;
			const itemIndex = 'rejects' in expected ? 1 : undefined;
			// Checked before sending: a rerun after fixing the item duplicates nothing.
			if (!continueOnFail) expect(requests).toHaveLength(0);
			if (continueOnFail) {
				expect(status).toBe('success');
				expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
				expect(items[1].json.error).toBe(message);
				expect(items[1].error).toMatchObject({ name: 'NodeOperationError', context: { itemIndex } });
				if (itemIndex === 1) expect(items[0].json.error).toBeUndefined();
				else expect(items[0].json.error).toBe(message);
			} else {
				expect(status).toBe('error');
				expect(error.name).toBe('NodeOperationError');
				expect(error.message).toBe(message);
				expect(error.context.itemIndex).toBe(itemIndex);
			}
		} else if ('answers' in expected) {
			const [httpCode, serviceMessage] = expected.answers;
			const message = `Cloud Elements answered ${httpCode}: ${serviceMessage}`;
			expect(requests).toHaveLength(2);
			if (continueOnFail) {
				expect(items[1].json.error).toBe(message);
				expect(items[1].error).toMatchObject({ httpCode: String(httpCode), context: { itemIndex: 1 } });
			} else {
				expect(error).toMatchObject({ name: 'NodeApiError', message, httpCode: String(httpCode), context: { itemIndex: 1 } });
			}
		} else {
			expect(status).toBe('success');
			expect(requests).toHaveLength(2);
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			if (expected.sends) expect(requests[1].body).toMatchObject(expected.sends);
			if (expected.outputs) expect(items[1].json).toMatchObject(expected.outputs);
			expect(items[1].json.error).toBeUndefined();
		}

		expect(leakedSecrets(shownByNode(result), [...secretsOf(), HUGE_API_KEY])).toEqual([]);
	});
});
