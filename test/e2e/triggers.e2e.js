'use strict';

/**
 * Both triggers in a real n8n process (`n8n start`, its SQLite), on every line
 * of scripts/install-n8n.js (or E2E_N8N_LINES), against the fake over HTTP:
 * publishing the Events workflow points the fake instance's callback URL at
 * n8n's production webhook URL; a signed delivery starts one execution
 * carrying the event, a forged one gets 401 and starts none; deactivating
 * puts the instance back. The Health workflow starts an execution within one
 * poll (n8n polls every minute at most) after an instance breaks: one such
 * wait per line.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, describe, test } = require('node:test');

const { LINES, ensureN8n } = require('../../scripts/install-n8n');
const { CREDENTIAL_ID, N8n, PACKAGE_NAME, createUserFolder, demoCredential, freePort, packPackage, signIn } = require(
	'../../scripts/lib/sandbox',
);
const { startFakeCloudElements } = require('../fake-api/server');
const { createInstances } = require('../harness/instances');

const lines = process.env.E2E_N8N_LINES ? process.env.E2E_N8N_LINES.split(',') : Object.keys(LINES);
const CREDENTIALS = { cloudElementsApi: { id: CREDENTIAL_ID, name: 'Cloud Elements (demo)' } };
const WEBHOOK_ID = '6f1d0c4e-2b7a-4f8e-9a3c-5d2e1f0a9b8c';

/** A workflow of one trigger node. */
function triggerWorkflow(id, name, node) {
	return {
		id,
		name,
		nodes: [{ id: `${id}-1`, position: [0, 0], typeVersion: 1, credentials: CREDENTIALS, ...node }],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

let tarball;
before(() => {
	tarball = packPackage();
});
after(() => fs.rmSync(path.dirname(tarball), { recursive: true, force: true }));

for (const line of lines) {
	describe(`n8n ${line}`, () => {
		let folder;
		let fake;
		let n8n;
		let rest;
		let eventsInstance;
		let watched;
		let events;
		let health;
		let webhookBase;

		before(async () => {
			const runtime = ensureN8n(line);
			folder = createUserFolder(tarball);
			fake = await startFakeCloudElements({ port: 0 });
			[eventsInstance, watched] = await createInstances(fake, [
				{
					element: 'autopilot',
					name: 'acme-autopilot',
					configuration: { 'event.notification.callback.url': 'https://old.example.com/hook', 'event.notification.enabled': 'false' },
				},
				{ element: 'autopilot', name: 'watched-autopilot', tags: ['watched'] },
			]);
			events = triggerWorkflow('ceEventsTrigger', 'Acme events', {
				name: 'Cloud Elements Trigger',
				type: `${PACKAGE_NAME}.cloudElementsTrigger`,
				webhookId: WEBHOOK_ID,
				parameters: { instanceSelection: 'ids', instanceIds: String(eventsInstance.id) },
			});
			health = triggerWorkflow('ceHealthTrigger', 'Instance health', {
				name: 'Cloud Elements Instance Health Trigger',
				type: `${PACKAGE_NAME}.cloudElementsHealthTrigger`,
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, filters: { tags: ['watched'] } },
			});
			const port = await freePort();
			// 127.0.0.1, as n8n listens there: "localhost" may resolve to ::1 for the fake's deliveries.
			webhookBase = `http://127.0.0.1:${port}/`;
			n8n = new N8n(runtime, folder.dir, { port, env: { WEBHOOK_URL: webhookBase } });
			await n8n.import({
				credentials: [demoCredential({ userSecret: fake.userSecret, organizationSecret: fake.organizationSecret, baseUrl: fake.url })],
				workflows: [events, health],
			});
			await n8n.publish([events.id, health.id]);
			await n8n.start();
			await n8n.setupOwner();
			// n8n activates published workflows once it answers: the Events trigger's PATCH and the
			// Health trigger's first poll (its baseline, before any instance breaks).
			const sent = (method, route) => fake.requests.some((request) => request.method === method && request.path === route);
			await waitFor(() => sent('PATCH', `/instances/${eventsInstance.id}`) && sent('GET', '/instances'));
			const cookie = await signIn(n8n.url);
			rest = async (method, route, body) => {
				const response = await fetch(`${n8n.url}/rest${route}`, {
					method,
					headers: { cookie, 'content-type': 'application/json' },
					body: body && JSON.stringify(body),
				});
				const text = await response.text();
				assert.equal(response.status, 200, `${method} ${route}: ${text}`);
				return JSON.parse(text).data;
			};
		});

		after(async () => {
			if (n8n) await n8n.stop();
			if (fake) await fake.stop();
			if (folder) fs.rmSync(folder.dir, { recursive: true, force: true });
		});

		const executionsOf = async (workflowId) =>
			(await rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`)).results;
		/** The execution's saved data, as n8n stores it (flatted JSON text). */
		const dataOf = async (execution) => JSON.stringify(await rest('GET', `/executions/${execution.id}`));
		const configurationOf = (id) => fake.instances.find((instance) => instance.id === id).configuration;

		test('publishing points the instance\'s events at n8n\'s production webhook URL', () => {
			const configuration = configurationOf(eventsInstance.id);
			assert.equal(configuration['event.notification.enabled'], 'true');
			assert.equal(configuration['event.notification.callback.url'], `${webhookBase}webhook/${WEBHOOK_ID}/webhook`);
			assert.match(configuration['event.notification.signature.key'], /^[\w-]{43}$/);
		});

		test('a signed event starts one execution carrying it; a forged one gets 401 and starts none', async () => {
			const objectId = `contact-${line}`;
			const signed = await fake.deliverEvents(eventsInstance.id, {
				events: [{ objectType: 'contacts', objectId, eventType: 'CREATED', elementKey: 'autopilot' }],
			});
			assert.equal(signed.status, 200, signed.body);
			const forged = await fake.deliverEvents(eventsInstance.id, { signature: 'wrong' });
			assert.equal(forged.status, 401);
			const [execution] = await waitFor(async () => {
				const done = (await executionsOf(events.id)).filter((candidate) => candidate.status === 'success');
				return done.length > 0 && done;
			});
			assert.match(await dataOf(execution), new RegExp(objectId));
			// The forged delivery's answer came before any execution it could have started; one more look.
			assert.equal((await executionsOf(events.id)).length, 1);
		});

		test('the health trigger starts an execution within one poll after an instance breaks', async () => {
			fake.breakInstance(watched.id);
			const [execution] = await waitFor(async () => {
				const done = (await executionsOf(health.id)).filter((candidate) => candidate.status === 'success');
				return done.length > 0 && done;
			}, 90_000);
			const data = await dataOf(execution);
			assert.match(data, /needsAttention/);
			assert.match(data, /watched-autopilot/);
		});

		test('deactivating puts the instance\'s events back as they were', async () => {
			await rest('POST', `/workflows/${events.id}/deactivate`, {});
			// n8n answers before it has removed the webhooks.
			await waitFor(() => configurationOf(eventsInstance.id)['event.notification.callback.url'] !== `${webhookBase}webhook/${WEBHOOK_ID}/webhook`);
			assert.equal(configurationOf(eventsInstance.id)['event.notification.callback.url'], 'https://old.example.com/hook');
			assert.equal(configurationOf(eventsInstance.id)['event.notification.enabled'], 'false');
			assert.equal(configurationOf(eventsInstance.id)['event.notification.signature.key'], '');
		});
	});
}

/** Polls `find` until it resolves to something, for up to `timeoutMs`. */
async function waitFor(find, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = await find();
		if (found) return found;
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}
