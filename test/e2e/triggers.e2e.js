'use strict';

/**
 * Both triggers in a real n8n process (`n8n start`, its SQLite), on every line
 * of scripts/install-n8n.js (or E2E_N8N_LINES), against the fake over HTTP,
 * through the examples that use them. Publishing pass-on-element-events points
 * the tagged fake instance's callback URL at n8n's production webhook URL; a
 * signed delivery starts one execution, which passes the event on; a forged
 * one gets 401 and starts none; deactivating puts the instance back.
 * reauthenticate-on-health re-authenticates an instance within one poll (n8n
 * polls every minute at most) after it breaks: one such wait per line.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { after, before, describe, test } = require('node:test');

const { LINES, ensureN8n } = require('../../scripts/install-n8n');
const { N8n, createUserFolder, demoCredential, exampleWorkflows, freePort, packPackage, restClient, waitFor } = require(
	'../../scripts/lib/sandbox',
);
const { startFakeCloudElements } = require('../fake-api/server');
const { createInstances } = require('../harness/instances');

const lines = process.env.E2E_N8N_LINES ? process.env.E2E_N8N_LINES.split(',') : Object.keys(LINES);

/** The example, its endpoint swapped for `passOnUrl` (a stand-in for the customer's CRM). */
function passOnExample(passOnUrl) {
	const workflow = structuredClone(exampleWorkflows().find((candidate) => candidate.id === 'cePassOnEvents'));
	workflow.nodes.find((node) => node.name === 'Pass on').parameters.url = passOnUrl;
	return workflow;
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
		let crm;
		let webhookId;
		let webhookBase;

		before(async () => {
			const runtime = ensureN8n(line);
			folder = createUserFolder(tarball);
			fake = await startFakeCloudElements({ port: 0 });
			[eventsInstance, watched] = await createInstances(fake, [
				{
					element: 'autopilot',
					name: 'acme-autopilot',
					tags: ['events:crm-sync'],
					configuration: { 'event.notification.callback.url': 'https://old.example.com/hook', 'event.notification.enabled': 'false' },
				},
				{ element: 'autopilot', name: 'globex' },
			]);
			crm = await startCrm();
			events = passOnExample(crm.url);
			health = exampleWorkflows().find((candidate) => candidate.id === 'ceReauthOnHealth');
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
			// n8n activates published workflows once it answers: wait for the Events trigger's PATCH
			// and the Health trigger's first poll (its baseline, before any instance breaks).
			webhookId = events.nodes.find((node) => node.name === 'Customer events').webhookId;
			const patched = () => fake.requests.some((request) => request.method === 'PATCH' && request.path === `/instances/${eventsInstance.id}`);
			// The Events trigger lists by tag at activation; the Health trigger lists every instance.
			const polled = () => fake.requests.some((request) => request.method === 'GET' && request.path === '/instances' && !('tags[]' in request.query));
			await waitFor(() => patched() && polled());
			rest = await restClient(n8n.url);
		});

		after(async () => {
			if (n8n) await n8n.stop();
			if (fake) await fake.stop();
			if (crm) await crm.close();
			if (folder) fs.rmSync(folder.dir, { recursive: true, force: true });
		});

		const executionsOf = async (workflowId) =>
			(await rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`)).results;
		const configurationOf = (id) => fake.instances.find((instance) => instance.id === id).configuration;

		test('publishing points the instance\'s events at n8n\'s production webhook URL', () => {
			const configuration = configurationOf(eventsInstance.id);
			assert.equal(configuration['event.notification.enabled'], 'true');
			assert.equal(configuration['event.notification.callback.url'], `${webhookBase}webhook/${webhookId}/webhook`);
			assert.match(configuration['event.notification.signature.key'], /^[\w-]{43}$/);
		});

		test('a signed event starts one execution, which passes it on; a forged one gets 401 and starts none', async () => {
			const objectId = `contact-${line}`;
			const signed = await fake.deliverEvents(eventsInstance.id, {
				events: [{ objectType: 'contacts', objectId, eventType: 'CREATED', elementKey: 'autopilot', date: '2026-12-05T10:00:00Z' }],
			});
			assert.equal(signed.status, 200, signed.body);
			const forged = await fake.deliverEvents(eventsInstance.id, { signature: 'wrong' });
			assert.equal(forged.status, 401);
			await waitFor(async () => (await executionsOf(events.id)).some((execution) => execution.status === 'success'));
			assert.deepEqual(crm.received, [
				{ instanceId: eventsInstance.id, element: 'autopilot', contactId: objectId, change: 'CREATED', at: '2026-12-05T10:00:00Z' },
			]);
			assert.equal((await executionsOf(events.id)).length, 1);
		});

		test('an instance that breaks is re-authenticated within one poll', async () => {
			fake.breakInstance(watched.id);
			await waitFor(async () => (await executionsOf(health.id)).some((execution) => execution.status === 'success'), 90_000);
			const now = fake.instances.find((instance) => instance.id === watched.id);
			assert.deepEqual([now.valid, now.disabled, now.configuration['api.key']], [true, false, 'rotated-key-for-globex']);
		});

		test('deactivating puts the instance\'s events back as they were', async () => {
			await rest('POST', `/workflows/${events.id}/deactivate`, {});
			// n8n answers before it has removed the webhooks.
			await waitFor(() => configurationOf(eventsInstance.id)['event.notification.callback.url'] !== `${webhookBase}webhook/${webhookId}/webhook`);
			assert.equal(configurationOf(eventsInstance.id)['event.notification.callback.url'], 'https://old.example.com/hook');
			assert.equal(configurationOf(eventsInstance.id)['event.notification.enabled'], 'false');
			assert.equal(configurationOf(eventsInstance.id)['event.notification.signature.key'], '');
		});
	});
}

/** A stand-in for the customer's CRM: it keeps the JSON bodies posted to it. */
async function startCrm() {
	const received = [];
	const server = http.createServer((request, response) => {
		let text = '';
		request.on('data', (chunk) => (text += chunk));
		request.on('end', () => {
			received.push(JSON.parse(text));
			response.end('{}');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/hooks/contacts`,
		received,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}
