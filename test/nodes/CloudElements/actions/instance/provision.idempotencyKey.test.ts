import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { keyTag } from '../../../../../nodes/CloudElements/actions/instance/markers';
import type { RecordedRequest } from '../../../../fake-api/server';
import { call } from '../../../../harness/api';
import { useFakeCloudElements } from '../../../../harness/fake';
import { createInstances } from '../../../../harness/instances';
import { runProvision } from '../../../../harness/provision';
import { leakedSecrets, shownByNode } from '../../../../harness/shown';
import { marker } from '../../elements/provisioning';

const ctx = useFakeCloudElements();

// Customer data a tag must not show: the key is an email address here.
const customer = { name: 'acme', apiKey: 'autopilot-api-key-value', customerId: 'ops+4711@acme.example' };
const autopilot = (extra: IDataObject = {}) => ({
	operation: 'provisionAutopilot',
	instanceName: '={{ $json.name }}',
	autopilotApiKey: '={{ $json.apiKey }}',
	idempotencyKey: '={{ $json.customerId }}',
	...extra,
});
const keyTagPattern = /^n8n-provision:key-[0-9a-f]{32}$/;
const calls = (requests: RecordedRequest[]) => requests.map((request) => `${request.method} ${request.path}`);

describe('Idempotency Key', () => {
	it('a later run with the same key outputs the instance the first made, with one request and nothing created', async () => {
		const first = await runProvision({ fake: ctx.fake, items: [customer], parameters: autopilot() });
		const later = await runProvision({ fake: ctx.fake, items: [customer], parameters: autopilot() });

		expect(calls(first.requests)).toEqual(['GET /instances', 'POST /instances']);
		expect(calls(later.requests)).toEqual(['GET /instances']);
		expect(ctx.fake.instances).toHaveLength(1);
		const [instance] = ctx.fake.instances;
		expect(first.items[0].json).toMatchObject({ id: instance.id, token: instance.token, provisionAction: 'created' });
		expect(later.items[0].json).toMatchObject({ id: instance.id, token: instance.token, provisionAction: 'existing' });
	});

	it('without a key, Create Another in a new execution creates another, as before', async () => {
		const parameters = autopilot({ idempotencyKey: '' });
		await runProvision({ fake: ctx.fake, items: [customer], parameters });
		const later = await runProvision({ fake: ctx.fake, items: [customer], parameters });

		expect(calls(later.requests)).toEqual(['POST /instances']);
		expect(ctx.fake.instances).toHaveLength(2);
	});

	it('goes into the marker tag hashed: the key shows in no request, tag or output, in any encoding', async () => {
		const result = await runProvision({ fake: ctx.fake, items: [customer], parameters: autopilot() });

		const tags = ctx.fake.instances[0].tags as string[];
		expect(tags.filter((tag) => tag.startsWith('n8n-provision:'))).toEqual([expect.stringMatching(keyTagPattern), marker]);
		const sent = result.requests.map((request) => `${request.path} ${JSON.stringify(request.query)} ${request.rawBody}`).join('\n');
		expect(leakedSecrets(`${sent}\n${shownByNode(result)}`, [customer.customerId])).toEqual([]);
	});

	it('takes over whatever the policy: a later Replace deletes nothing, a later Fail does not fail', async () => {
		await runProvision({ fake: ctx.fake, items: [customer], parameters: autopilot() });
		const [instance] = ctx.fake.instances;

		for (const ifExists of ['replace', 'fail', 'updateConfiguration']) {
			const later = await runProvision({ fake: ctx.fake, items: [customer], parameters: autopilot({ ifExists }) });
			expect(later.status).toBe('success');
			expect(later.requests.every((request) => request.method === 'GET')).toBe(true);
			expect(later.items[0].json).toMatchObject({ id: instance.id, provisionAction: 'existing' });
		}
		expect(ctx.fake.instances).toHaveLength(1);
	});

	it('is per element: the same key for another element is another instance', async () => {
		await runProvision({ fake: ctx.fake, items: [customer], parameters: autopilot() });
		const mailjet = await runProvision({
			fake: ctx.fake,
			items: [customer],
			parameters: {
				operation: 'provisionMailjetmarketing',
				instanceName: '={{ $json.name }}',
				mailjetmarketingApiKey: 'mailjet-api-key-value',
				mailjetmarketingSecretKey: 'mailjet-secret-key-value',
				idempotencyKey: '={{ $json.customerId }}',
			},
		});

		expect(mailjet.items[0].json.provisionAction).toBe('created');
		expect(ctx.fake.instances.map((instance) => instance.element.key).sort()).toEqual(['autopilot', 'mailjetmarketing']);
	});

	it('two items of one run with the same key make one instance, whatever the concurrency', async () => {
		const twice = [customer, { ...customer, name: 'acme-again' }];
		const result = await runProvision({ fake: ctx.fake, items: twice, parameters: autopilot({ options: { concurrency: 4 } }) });

		expect(ctx.fake.instances).toHaveLength(1);
		expect(result.items.map((item) => [item.json.id, item.json.provisionAction])).toEqual([
			[ctx.fake.instances[0].id, 'created'],
			[ctx.fake.instances[0].id, 'existing'],
		]);
	});

	it("Retry On Fail with a key: each customer once, the refused one created on the retry", async () => {
		const customers = ['acme', 'globex', 'initech'].map((name) => ({ ...customer, name, customerId: `id-${name}` }));
		ctx.fake.inject({ method: 'POST', when: (request) => request.body?.name === 'initech', status: 400, body: { message: 'Invalid API key' } });
		const run = await runProvision({
			fake: ctx.fake,
			items: customers,
			parameters: autopilot(),
			settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 },
		});

		expect(run.status).toBe('success');
		expect(ctx.fake.instances.map((instance) => instance.name).sort()).toEqual(['acme', 'globex', 'initech']);
		expect(run.items.map((item) => item.json.provisionAction)).toEqual(['created', 'created', 'created']);
	});

	it("two items with one key, the first refused once: the retry outputs the second's instance to both, as existing to the first", async () => {
		const twice = [customer, { ...customer, name: 'acme-again' }];
		ctx.fake.inject({ method: 'POST', when: (request) => request.body?.name === 'acme', status: 400, body: { message: 'Invalid API key' } });
		const run = await runProvision({
			fake: ctx.fake,
			items: twice,
			parameters: autopilot({ options: { concurrency: 2 } }),
			settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 },
		});

		expect(ctx.fake.instances).toHaveLength(1);
		const [instance] = ctx.fake.instances;
		expect(run.items.map((item) => [item.json.id, item.json.provisionAction])).toEqual([
			[instance.id, 'existing'],
			[instance.id, 'created'],
		]);
	});

	it("a lost create's check deletes nothing another execution made with the same key", async () => {
		// Two executions with one key, at the same moment: both look, find nothing, create. This one's answer
		// is lost; while it looks for its own create, the other's appears, carrying the same key.
		ctx.fake.inject({ method: 'POST', when: (request) => request.body?.name === 'acme', status: 504, process: true, times: 1 });
		let lookups = 0;
		const isLookup = (request: RecordedRequest) => String(request.query['tags[]'] ?? '').startsWith('n8n-provision:');
		ctx.fake.inject({ method: 'GET', when: (request) => isLookup(request) && ++lookups === 2, delayMs: 300, times: 1 });
		const running = runProvision({ fake: ctx.fake, items: [customer], parameters: autopilot() });
		await sleep(150);
		const tags = [keyTag('autopilot', customer.customerId)];
		const other = await call(ctx.fake, '/instances', {
			method: 'POST',
			body: { element: { key: 'autopilot' }, configuration: { 'api.key': 'other-key-value' }, tags, name: 'acme' },
		});
		const run = await running;

		expect(run.status).toBe('success');
		expect(ctx.fake.instances.map((instance) => instance.id)).toContain(other.body.id);
		expect(run.requests.filter((request) => request.method === 'DELETE')).toEqual([]);
		expect(run.items[0].json.id).not.toBe(other.body.id);
	});

	it('set but empty for an item: that item fails naming the field, and nothing is sent', async () => {
		const items = [customer, { ...customer, name: 'globex', customerId: '' }];
		const result = await runProvision({ fake: ctx.fake, items, parameters: autopilot() });

		expect(result.status).toBe('error');
		expect(result.error.message).toBe('Missing or invalid Autopilot fields: Idempotency Key is empty for this item [item 1]');
		expect(result.error.context.itemIndex).toBe(1);
		expect(result.requests).toEqual([]);
	});

	it('Pardot (a seed operation): the body is the documented one, the key tag beside its tags', async () => {
		const result = await runProvision({
			fake: ctx.fake,
			items: [customer],
			parameters: {
				operation: 'provisionPardot',
				instanceName: 'acme-pardot',
				pardotUsername: 'ops@acme.example',
				pardotPassword: 'pardot-password-value',
				pardotUserKey: 'pardot-user-key-value',
				tags: ['customer-42'],
				idempotencyKey: '={{ $json.customerId }}',
			},
		});

		const create = result.requests.find((request) => request.method === 'POST');
		expect(create?.body).toEqual({
			element: { key: 'pardot' },
			configuration: {
				'apikey.user.name': 'ops@acme.example',
				'apikey.user.password': 'pardot-password-value',
				'apikey.user.key': 'pardot-user-key-value',
				'provider.version': '3',
			},
			tags: ['customer-42', expect.stringMatching(keyTagPattern), marker],
			name: 'acme-pardot',
		});
	});

	it('Any Element: a later run with the same key takes over', async () => {
		const parameters = {
			operation: 'provisionAnyElement',
			element: { __rl: true, mode: 'key', value: 'autopilot' },
			instanceName: '={{ $json.name }}',
			configurationSource: 'json',
			configurationJson: '={{ JSON.stringify({ "api.key": $json.apiKey }) }}',
			idempotencyKey: '={{ $json.customerId }}',
		};
		// An instance made another way has the name but not the key: it is not taken.
		await createInstances(ctx.fake, [{ element: 'autopilot', name: 'acme' }]);
		const first = await runProvision({ fake: ctx.fake, items: [customer], parameters });
		const later = await runProvision({ fake: ctx.fake, items: [customer], parameters });

		expect(first.items[0].json.provisionAction).toBe('created');
		expect(later.items[0].json).toMatchObject({ id: first.items[0].json.id, provisionAction: 'existing' });
		expect(ctx.fake.instances).toHaveLength(2);
	});
});
