import type { IDataObject } from 'n8n-workflow';

import { call } from '../../../../harness/api';
import { useFakeCloudElements } from '../../../../harness/fake';
import { createInstances } from '../../../../harness/instances';
import { fakeCredentials } from '../../../../harness/provision';
import { triggerWorkflow, useLogCapture, type TriggerWorkflow } from '../../../../harness/triggers';

const handle = useFakeCloudElements();
const ENABLED = 'event.notification.enabled';
const CALLBACK_URL = 'event.notification.callback.url';
const SIGNATURE_KEY = 'event.notification.signature.key';

const open: TriggerWorkflow[] = [];
const log = useLogCapture();
afterEach(async () => {
	await Promise.all(open.splice(0).map(async (workflow) => await workflow.close()));
});

async function eventsTrigger(parameters: IDataObject): Promise<TriggerWorkflow> {
	const trigger = await triggerWorkflow({
		type: 'cloudElementsTrigger',
		parameters,
		credentials: { cloudElementsApi: fakeCredentials(handle.fake) },
	});
	open.push(trigger);
	return trigger;
}

const configurationOf = (id: number) => handle.fake.instances.find((instance) => instance.id === id).configuration;

async function activeOn(ids: number[], more: IDataObject = {}): Promise<TriggerWorkflow> {
	const workflow = await eventsTrigger({ instanceSelection: 'ids', instanceIds: ids.join(', '), ...more });
	await workflow.activate();
	return workflow;
}

describe('Cloud Elements Trigger: activation', () => {
	it('turns events on, points them at the production webhook URL and signs them with a key kept in static data', async () => {
		const [pardot, autopilot] = await createInstances(handle.fake, [
			{ element: 'pardot', name: 'Acme Pardot' },
			{ element: 'autopilot', name: 'Acme Autopilot' },
		]);
		const workflow = await activeOn([pardot.id, autopilot.id]);

		for (const id of [pardot.id, autopilot.id]) {
			expect(configurationOf(id)).toMatchObject({ [ENABLED]: 'true', [CALLBACK_URL]: workflow.webhookUrl });
			expect(configurationOf(id)[SIGNATURE_KEY]).toBe(workflow.staticData.signatureKey);
		}
		expect(String(workflow.staticData.signatureKey)).toMatch(/^[\w-]{43}$/);
		const patches = handle.fake.requests.filter((request) => request.method === 'PATCH');
		expect(patches.map((request) => request.path)).toEqual([`/instances/${pardot.id}`, `/instances/${autopilot.id}`]);
		expect(Object.keys(patches[0].body.configuration).sort()).toEqual([CALLBACK_URL, ENABLED, SIGNATURE_KEY]);
	});

	it('listening in the editor points the instances at the test URL, and stopping puts them back', async () => {
		const [instance] = await createInstances(handle.fake, [
			{ element: 'autopilot', name: 'Acme', configuration: { [CALLBACK_URL]: 'https://old.example.com/hook' } },
		]);
		const workflow = await eventsTrigger({ instanceSelection: 'ids', instanceIds: String(instance.id) });
		await workflow.activate({ mode: 'manual', isTest: true });
		expect(configurationOf(instance.id)[CALLBACK_URL]).toBe(workflow.webhookUrl.replace('/webhook/', '/webhook-test/'));
		await workflow.hook('delete', { mode: 'manual', isTest: true });
		expect(configurationOf(instance.id)[CALLBACK_URL]).toBe('https://old.example.com/hook');
	});

	it('checkExists says yes while the instances point at the workflow, and no once one is pointed elsewhere or its events are off', async () => {
		const [instance] = await createInstances(handle.fake, [{ element: 'autopilot', name: 'Acme' }]);
		const workflow = await activeOn([instance.id]);
		expect(await workflow.hook('checkExists')).toBe(true);

		await patch(instance.id, { [CALLBACK_URL]: 'https://elsewhere.example.com/hook' });
		expect(await workflow.hook('checkExists')).toBe(false);
		await workflow.hook('create');
		expect(configurationOf(instance.id)[CALLBACK_URL]).toBe(workflow.webhookUrl);

		await patch(instance.id, { [ENABLED]: 'false' });
		expect(await workflow.hook('checkExists')).toBe(false);
	});

	it('chooses by tags: every instance carrying them at activation, and no other', async () => {
		const [tagged, other] = await createInstances(handle.fake, [
			{ element: 'autopilot', name: 'Tagged', tags: ['customer:acme', 'events'] },
			{ element: 'autopilot', name: 'Other', tags: ['customer:acme'] },
		]);
		const workflow = await eventsTrigger({ instanceSelection: 'tags', tags: ['customer:acme', 'events'] });
		await workflow.activate();
		expect(configurationOf(tagged.id)[ENABLED]).toBe('true');
		expect(configurationOf(other.id)[ENABLED]).toBe('false');
	});

	it('checkExists says no where the key was lost with the static data, and create makes a new one that passes', async () => {
		const [instance] = await createInstances(handle.fake, [{ element: 'autopilot', name: 'Acme' }]);
		const workflow = await activeOn([instance.id]);
		const lost = workflow.staticData.signatureKey;
		delete workflow.staticData.signatureKey;

		expect(await workflow.hook('checkExists')).toBe(false);
		await workflow.hook('create');
		expect(workflow.staticData.signatureKey).not.toBe(lost);
		expect((await handle.fake.deliverEvents(instance.id)).status).toBe(200);
		expect(workflow.started).toHaveLength(1);
	});

	it('an instance tagged since joins at the next activation (checkExists says no)', async () => {
		const [first, later] = await createInstances(handle.fake, [
			{ element: 'autopilot', name: 'First', tags: ['events'] },
			{ element: 'autopilot', name: 'Later' },
		]);
		const workflow = await eventsTrigger({ instanceSelection: 'tags', tags: ['events'] });
		await workflow.activate();
		expect(await workflow.hook('checkExists')).toBe(true);
		expect((await call(handle.fake, `/instances/${later.id}`, { method: 'PATCH', body: { tags: ['events'] } })).status).toBe(200);

		expect(await workflow.hook('checkExists')).toBe(false);
		await workflow.hook('create');
		expect([first.id, later.id].map((id) => configurationOf(id)[CALLBACK_URL])).toEqual([workflow.webhookUrl, workflow.webhookUrl]);
	});

	it('refuses wrong settings, naming each field, before changing anything', async () => {
		const workflow = await eventsTrigger({ instanceSelection: 'ids', instanceIds: '12, abc, 4x' });
		await expect(workflow.hook('create')).rejects.toThrow(
			'Invalid trigger settings: Instance IDs: abc, 4x is not an instance ID (a whole number)',
		);
		const byTags = await eventsTrigger({ instanceSelection: 'tags', tags: [] });
		await expect(byTags.hook('create')).rejects.toThrow('Invalid trigger settings: Tags: add at least one tag');
		expect(handle.fake.requests).toHaveLength(0);
	});

	it('a refused change names the instance and never shows the key, even where the service echoes it', async () => {
		const [instance] = await createInstances(handle.fake, [{ element: 'autopilot', name: 'Acme' }]);
		const workflow = await activeOn([instance.id]);
		const key = String(workflow.staticData.signatureKey);
		handle.fake.inject({ method: 'PATCH', status: 400, body: { message: `Invalid value ${key} for event.notification.signature.key` } });

		const error = await workflow.hook('create').catch((caught: Error & { description?: string }) => caught);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toContain(`Could not send instance ${instance.id}'s events to this workflow`);
		const shown = JSON.stringify([(error as Error).message, (error as { description?: string }).description, log.lines]);
		expect(shown).not.toContain(key);
		expect(shown).not.toContain(Buffer.from(key).toString('base64'));
	});

	it('an instance that no longer exists fails activation, naming it, and leaves the others as they were', async () => {
		const [first, second] = await createInstances(handle.fake, [
			{ element: 'autopilot', name: 'First' },
			{ element: 'autopilot', name: 'Second' },
		]);
		const before = configurationOf(first.id);
		const workflow = await eventsTrigger({ instanceSelection: 'ids', instanceIds: `${first.id}, 999999, ${second.id}` });

		await expect(workflow.hook('create')).rejects.toThrow('Could not send instance 999999\'s events to this workflow');
		// Autopilot had events off and no key: none of this workflow's is left behind.
		expect(configurationOf(first.id)).toEqual({ ...before, [SIGNATURE_KEY]: '' });
		expect(configurationOf(second.id)[ENABLED]).toBe('false');
		expect(workflow.staticData.subscription).toBeUndefined();
	});
});

describe('Cloud Elements Trigger: deactivation', () => {
	it('puts back the callback URL, signature key and events switch an instance had', async () => {
		const [instance] = await createInstances(handle.fake, [
			{
				element: 'autopilot',
				name: 'Acme',
				configuration: { [ENABLED]: 'true', [CALLBACK_URL]: 'https://old.example.com/hook', [SIGNATURE_KEY]: 'old-key' },
			},
		]);
		const workflow = await activeOn([instance.id]);
		expect(configurationOf(instance.id)[CALLBACK_URL]).toBe(workflow.webhookUrl);

		await workflow.hook('delete');
		expect(configurationOf(instance.id)).toMatchObject({
			[ENABLED]: 'true',
			[CALLBACK_URL]: 'https://old.example.com/hook',
			[SIGNATURE_KEY]: 'old-key',
		});
		expect(workflow.staticData).toEqual({});
	});

	it('switches events off where they were off', async () => {
		const [instance] = await createInstances(handle.fake, [{ element: 'pardot', name: 'Acme' }]);
		expect(configurationOf(instance.id)[ENABLED]).toBeUndefined();
		const workflow = await activeOn([instance.id]);
		await workflow.hook('delete');
		expect(configurationOf(instance.id)).toMatchObject({ [ENABLED]: 'false', [CALLBACK_URL]: '', [SIGNATURE_KEY]: '' });
	});

	it('keeps what an instance had first across a second activation (n8n restarted, URL changed)', async () => {
		const [instance] = await createInstances(handle.fake, [
			{ element: 'autopilot', name: 'Acme', configuration: { [CALLBACK_URL]: 'https://old.example.com/hook' } },
		]);
		const workflow = await activeOn([instance.id]);
		await patch(instance.id, { [CALLBACK_URL]: 'https://drifted.example.com' });
		await workflow.hook('create');
		await workflow.hook('delete');
		expect(configurationOf(instance.id)[CALLBACK_URL]).toBe('https://old.example.com/hook');
	});

	it('leaves an instance alone that was pointed elsewhere since, and one that was deleted', async () => {
		const [moved, deleted] = await createInstances(handle.fake, [
			{ element: 'autopilot', name: 'Moved' },
			{ element: 'autopilot', name: 'Deleted' },
		]);
		const workflow = await activeOn([moved.id, deleted.id]);
		await patch(moved.id, { [CALLBACK_URL]: 'https://someone-else.example.com' });
		await deleteInstance(deleted.id);
		const patchesBefore = handle.fake.requests.filter((request) => request.method === 'PATCH').length;

		await workflow.hook('delete');
		expect(handle.fake.requests.filter((request) => request.method === 'PATCH')).toHaveLength(patchesBefore);
		expect(configurationOf(moved.id)[CALLBACK_URL]).toBe('https://someone-else.example.com');
	});

	it('an instance it could not put back is logged by ID and stays recorded with the key; deactivating again finishes', async () => {
		const [instance] = await createInstances(handle.fake, [
			{ element: 'autopilot', name: 'Acme', configuration: { [CALLBACK_URL]: 'https://old.example.com/hook' } },
		]);
		const workflow = await activeOn([instance.id]);
		const key = workflow.staticData.signatureKey;
		handle.fake.inject({ method: 'PATCH', status: 400, times: 1 });

		// n8n only logs what deactivation throws, and would not save the record then.
		expect(await workflow.hook('delete')).toBe(true);
		expect(log.lines.join('\n')).toContain(`error: Cloud Elements Trigger: could not put back the event settings of instance ${instance.id}`);
		expect(Object.keys(workflow.staticData.subscription.instances)).toEqual([String(instance.id)]);
		expect(workflow.staticData.signatureKey).toBe(key);
		await workflow.hook('delete');
		expect(configurationOf(instance.id)[CALLBACK_URL]).toBe('https://old.example.com/hook');
		expect(workflow.staticData).toEqual({});
	});

	it('with the static data lost, an instance already pointing here is taken as having had nothing of its own', async () => {
		const [instance] = await createInstances(handle.fake, [{ element: 'autopilot', name: 'Acme' }]);
		const workflow = await activeOn([instance.id]);
		for (const key of Object.keys(workflow.staticData)) delete workflow.staticData[key];
		await workflow.activate();
		await workflow.hook('delete');
		expect(configurationOf(instance.id)).toMatchObject({ [ENABLED]: 'false', [CALLBACK_URL]: '', [SIGNATURE_KEY]: '' });
	});

	it('a change whose answer was lost is put back too when activation fails', async () => {
		const [first, second] = await createInstances(handle.fake, [
			{ element: 'autopilot', name: 'First', configuration: { [CALLBACK_URL]: 'https://old.example.com/hook' } },
			{ element: 'autopilot', name: 'Second' },
		]);
		const workflow = await eventsTrigger({ instanceSelection: 'ids', instanceIds: `${first.id}, ${second.id}` });
		// The first instance's change is made, its answer lost each try.
		handle.fake.inject({ method: 'PATCH', path: `/instances/${first.id}`, process: true, drop: 'after', times: 3 });
		await expect(workflow.hook('create')).rejects.toThrow(`Could not send instance ${first.id}'s events to this workflow`);
		expect(configurationOf(first.id)[CALLBACK_URL]).toBe('https://old.example.com/hook');
		expect(configurationOf(second.id)[ENABLED]).toBe('false');
	});

	it('a key that reads back hidden is not put back as asterisks: the log says to set it again', async () => {
		const [instance] = await createInstances(handle.fake, [
			{ element: 'autopilot', name: 'Acme', configuration: { [CALLBACK_URL]: 'https://old.example.com/hook', [SIGNATURE_KEY]: '********' } },
		]);
		const workflow = await activeOn([instance.id]);
		const key = workflow.staticData.signatureKey;
		await workflow.hook('delete');
		expect(configurationOf(instance.id)).toMatchObject({ [CALLBACK_URL]: 'https://old.example.com/hook', [SIGNATURE_KEY]: key });
		expect(log.lines.join('\n')).toContain(`instance ${instance.id}'s earlier signature key reads back hidden and could not be put back`);
		expect(log.lines.join('\n')).not.toContain(key);
	});

	it('touches nothing when it never activated', async () => {
		await createInstances(handle.fake, [{ element: 'autopilot', name: 'Acme' }]);
		const workflow = await eventsTrigger({ instanceSelection: 'ids', instanceIds: '1000' });
		const before = handle.fake.requests.length;
		expect(await workflow.hook('delete')).toBe(true);
		expect(handle.fake.requests).toHaveLength(before);
	});
});

describe('Cloud Elements Trigger: deliveries', () => {
	it('a signed delivery starts the workflow with one item per event, answered 200', async () => {
		const [instance] = await createInstances(handle.fake, [{ element: 'hubspot', name: 'Acme HubSpot' }]);
		const workflow = await activeOn([instance.id]);
		const events = [
			{ objectType: 'contacts', objectId: '1', eventType: 'CREATED', elementKey: 'hubspot', date: '2026-12-05T10:00:00Z' },
			{ objectType: 'deals', objectId: '2', eventType: 'UPDATED', elementKey: 'hubspot', date: '2026-12-05T10:00:01Z' },
		];
		const answer = await handle.fake.deliverEvents(instance.id, { events });

		expect(answer.status).toBe(200);
		expect(workflow.started).toHaveLength(1);
		expect(workflow.started[0][0].map((item) => item.json)).toEqual(
			events.map((event) => ({ instanceId: instance.id, eventId: answer.delivery.eventId, webhookId: answer.delivery.webhookId, ...event })),
		);
	});

	it.each([
		['a wrong signature', { signature: 'wrong' as const }],
		['no signature', { signature: 'none' as const }],
	])('%s gets 401 and starts nothing', async (_, options) => {
		const [instance] = await createInstances(handle.fake, [{ element: 'autopilot', name: 'Acme' }]);
		const workflow = await activeOn([instance.id]);
		const answer = await handle.fake.deliverEvents(instance.id, options);
		expect(answer.status).toBe(401);
		expect(answer.body).toBe('Unauthorized');
		expect(workflow.started).toHaveLength(0);
	});

	it('the signature is checked on the raw bytes: the same JSON written differently does not pass', async () => {
		const [instance] = await createInstances(handle.fake, [{ element: 'autopilot', name: 'Acme' }]);
		const workflow = await activeOn([instance.id]);
		const { delivery } = await handle.fake.deliverEvents(instance.id);
		const respaced = { ...delivery, rawBody: JSON.stringify(JSON.parse(delivery.rawBody), null, 1), webhookId: 'other' };
		const answer = await handle.fake.redeliver({ ...respaced, headers: { ...delivery.headers, 'elements-webhook-id': 'x' } });
		expect(answer.status).toBe(401);
		expect(workflow.started).toHaveLength(1);
	});

	it('before activation, or after deactivation, no signature passes', async () => {
		const [instance] = await createInstances(handle.fake, [{ element: 'autopilot', name: 'Acme' }]);
		const workflow = await activeOn([instance.id]);
		const { delivery } = await handle.fake.deliverEvents(instance.id);
		await workflow.hook('delete');
		const answer = await handle.fake.redeliver({ ...delivery, headers: { ...delivery.headers, 'elements-webhook-id': 'new' } });
		expect(answer.status).toBe(401);
		expect(workflow.started).toHaveLength(1);
	});

	it('a redelivery (same delivery ID, or same event ID) is answered 200 and starts nothing', async () => {
		const [instance] = await createInstances(handle.fake, [{ element: 'autopilot', name: 'Acme' }]);
		const workflow = await activeOn([instance.id]);
		const first = await handle.fake.deliverEvents(instance.id);
		expect((await handle.fake.redeliver(first.delivery)).status).toBe(200);
		expect((await handle.fake.deliverEvents(instance.id, { eventId: first.delivery.eventId })).status).toBe(200);
		expect((await handle.fake.deliverEvents(instance.id, { webhookId: first.delivery.webhookId })).status).toBe(200);
		expect(workflow.started).toHaveLength(1);
		await handle.fake.deliverEvents(instance.id);
		expect(workflow.started).toHaveLength(2);
	});

	it('remembers a bounded number of IDs: the oldest are forgotten first', async () => {
		const [instance] = await createInstances(handle.fake, [{ element: 'autopilot', name: 'Acme' }]);
		const workflow = await activeOn([instance.id]);
		const first = await handle.fake.deliverEvents(instance.id);
		// Each delivery records two IDs (delivery and event); 500 more push the first two out.
		for (let n = 0; n < 500; n++) await handle.fake.deliverEvents(instance.id);
		expect(workflow.staticData.seen).toHaveLength(1000);
		expect(JSON.stringify(workflow.staticData.seen).length).toBeLessThan(100_000);
		await handle.fake.redeliver(first.delivery);
		expect(workflow.started).toHaveLength(502);
	});

	it('reads the older delivery shape ({ eventId, instanceId, response: { events } })', async () => {
		const [instance] = await createInstances(handle.fake, [{ element: 'autopilot', name: 'Acme' }]);
		const workflow = await activeOn([instance.id]);
		const answer = await handle.fake.deliverEvents(instance.id, { shape: 'legacy' });
		expect(workflow.started[0][0]).toHaveLength(1);
		expect(workflow.started[0][0][0].json).toMatchObject({ instanceId: instance.id, eventId: answer.delivery.eventId, eventType: 'CREATED' });
	});

	it('reads `instance_id` where a delivery names the instance so, and skips entries that are not events', async () => {
		const [instance] = await createInstances(handle.fake, [{ element: 'autopilot', name: 'Acme' }]);
		const workflow = await activeOn([instance.id]);
		const event = { objectType: 'contacts', objectId: '9', eventType: 'UPDATED' };
		const rawBody = JSON.stringify({ message: { eventId: 'e-9', instance_id: instance.id, events: [event, 'not an event', null] } });
		const answer = await handle.fake.deliverEvents(instance.id, { rawBody });
		expect(workflow.started[0][0].map((item) => item.json)).toEqual([
			{ instanceId: instance.id, eventId: 'e-9', webhookId: answer.delivery.webhookId, ...event },
		]);
	});

	it('lets through only the event and object types chosen (object types in any case)', async () => {
		const [instance] = await createInstances(handle.fake, [{ element: 'hubspot', name: 'Acme' }]);
		const workflow = await activeOn([instance.id], { eventTypes: ['CREATED', 'DELETED'], objectTypes: 'Contacts, companies' });
		const events = [
			{ objectType: 'contacts', objectId: '1', eventType: 'CREATED' },
			{ objectType: 'contacts', objectId: '2', eventType: 'UPDATED' },
			{ objectType: 'deals', objectId: '3', eventType: 'CREATED' },
			{ objectType: 'companies', objectId: '4', eventType: 'DELETED' },
		];
		await handle.fake.deliverEvents(instance.id, { events });
		expect(workflow.started[0][0].map((item) => item.json.objectId)).toEqual(['1', '4']);

		const filteredOut = await handle.fake.deliverEvents(instance.id, { events: [events[1]] });
		expect(filteredOut.status).toBe(200);
		expect(workflow.started).toHaveLength(1);
	});

	it('outputs one item per delivery when asked, with the raw payload', async () => {
		const [instance] = await createInstances(handle.fake, [{ element: 'autopilot', name: 'Acme' }]);
		const workflow = await activeOn([instance.id], { output: 'delivery' });
		const answer = await handle.fake.deliverEvents(instance.id);
		const body = JSON.parse(answer.delivery.rawBody);
		expect(workflow.started[0][0].map((item) => item.json)).toEqual([
			{
				instanceId: instance.id,
				eventId: answer.delivery.eventId,
				webhookId: answer.delivery.webhookId,
				events: body.message.events,
				raw: body.message.raw,
			},
		]);
	});

	it.each([
		['a body that is not JSON', { rawBody: 'not json' }],
		['JSON without a list of events', { rawBody: '{"message":{"eventId":"e1"}}' }],
	])('%s, signed, gets 400 (Cloud Elements keeps it) and starts nothing', async (_, options) => {
		const [instance] = await createInstances(handle.fake, [{ element: 'autopilot', name: 'Acme' }]);
		const workflow = await activeOn([instance.id]);
		const answer = await handle.fake.deliverEvents(instance.id, options);
		expect(answer.status).toBe(400);
		expect(answer.body).toBe('Expected JSON with a list of events');
		expect(workflow.started).toHaveLength(0);
	});

	it('the key never shows in an answer, the output or a log line', async () => {
		const [instance] = await createInstances(handle.fake, [{ element: 'autopilot', name: 'Acme' }]);
		const workflow = await activeOn([instance.id]);
		const key = String(workflow.staticData.signatureKey);
		const answers = [
			await handle.fake.deliverEvents(instance.id),
			await handle.fake.deliverEvents(instance.id, { signature: 'wrong' }),
			await handle.fake.deliverEvents(instance.id, { rawBody: 'x' }),
		];
		expect(log.lines.join('\n')).toMatch(/refused a delivery without a valid signature \(401\)[\s\S]*refused a signed delivery that holds no events \(400\)/);
		const shown = JSON.stringify([answers.map(({ status, body }) => ({ status, body })), workflow.started, log.lines]);
		expect(shown).not.toContain(key);
		expect(shown).not.toContain(Buffer.from(key).toString('base64'));
	});
});

async function patch(id: number, configuration: Record<string, string>): Promise<void> {
	expect((await call(handle.fake, `/instances/${id}`, { method: 'PATCH', body: { configuration } })).status).toBe(200);
}

async function deleteInstance(id: number): Promise<void> {
	expect((await call(handle.fake, `/instances/${id}`, { method: 'DELETE' })).status).toBe(200);
}
