'use strict';

/**
 * n8n's own retries in real n8n, on every line of scripts/install-n8n.js (or
 * E2E_N8N_LINES): a node with Retry On Fail run by `n8n execute`, and a failed
 * execution retried through n8n's REST API, the call the executions list's
 * "Retry" makes. Six Autopilot customers, one refused once; the instances are
 * counted at the fake.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, describe, test } = require('node:test');

const { LINES, ensureN8n } = require('../../scripts/install-n8n');
const {
	CREDENTIAL_ID,
	N8n,
	NODE_TYPE,
	createUserFolder,
	demoCredential,
	freePort,
	outputOf,
	packPackage,
	restClient,
	waitFor,
} = require('../../scripts/lib/sandbox');
const { startFakeCloudElements } = require('../fake-api/server');

const lines = process.env.E2E_N8N_LINES ? process.env.E2E_N8N_LINES.split(',') : Object.keys(LINES);
const CUSTOMERS = Array.from({ length: 6 }, (_, index) => ({ name: `customer-${index}`, apiKey: `autopilot-key-${index}` }));
const REFUSED = 'customer-5';
const PROVISION = 'Provision Autopilot';

/** Manual trigger, the customers, and Provision Autopilot with `settings` (its settings tab). */
function workflow(id, name, settings) {
	const trigger = 'Start';
	return {
		id,
		name,
		nodes: [
			{ id: `${id}-1`, name: trigger, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: `${id}-2`,
				name: 'Customers',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: `return ${JSON.stringify(CUSTOMERS)}.map((json) => ({ json }));` },
			},
			{
				id: `${id}-3`,
				name: PROVISION,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					operation: 'provisionAutopilot',
					instanceName: '={{ $json.name }}',
					autopilotApiKey: '={{ $json.apiKey }}',
					tags: ['onboarding'],
				},
				credentials: { cloudElementsApi: { id: CREDENTIAL_ID, name: 'Cloud Elements (demo)' } },
				...settings,
			},
		],
		connections: {
			[trigger]: { main: [[{ node: 'Customers', type: 'main', index: 0 }]] },
			Customers: { main: [[{ node: PROVISION, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

const RETRY_ON_FAIL = workflow('ceRetryOnFail', 'Provision with Retry On Fail', { retryOnFail: true, maxTries: 2, waitBetweenTries: 100 });
const NO_RETRY = workflow('ceNoRetry', 'Provision, stopping on the first failure', {});

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

		/** The refused customer's create is answered 400 once; every other create goes through. */
		function refuseOnce() {
			fake.reset();
			fake.inject({ method: 'POST', when: (request) => request.body?.name === REFUSED, status: 400, body: { message: 'Invalid API key' }, times: 1 });
		}

		/** Each customer once at the fake, and the run's output is those instances, paired in customer order. */
		function assertEachCustomerOnce(items) {
			const names = fake.instances.map((instance) => instance.name).sort();
			assert.deepEqual(names, CUSTOMERS.map((customer) => customer.name).sort(), 'one instance per customer');
			assert.deepEqual(countWrites(fake.requests), { POST: CUSTOMERS.length + 1, PATCH: 0, DELETE: 0 });
			assert.deepEqual(
				items.map((item) => [item.name, item.provisionAction]),
				CUSTOMERS.map((customer) => [customer.name, 'created']),
			);
			for (const item of items) {
				const instance = fake.instances.find((candidate) => candidate.id === item.id);
				assert.ok(instance, `output ${item.name} is an instance at the fake`);
				assert.equal(item.token, instance.token);
			}
		}

		before(async () => {
			const runtime = ensureN8n(line);
			folder = createUserFolder(tarball);
			fake = await startFakeCloudElements({ port: 0 });
			n8n = new N8n(runtime, folder.dir, { port: await freePort() });
			await n8n.import({
				credentials: [demoCredential({ userSecret: fake.userSecret, organizationSecret: fake.organizationSecret, baseUrl: fake.url })],
				workflows: [RETRY_ON_FAIL, NO_RETRY],
			});
		});

		after(async () => {
			if (n8n) await n8n.stop();
			if (fake) await fake.stop();
			if (folder) fs.rmSync(folder.dir, { recursive: true, force: true });
		});

		test('Retry On Fail, a customer refused once: the second attempt creates only that one', async () => {
			refuseOnce();
			const result = await n8n.execute(RETRY_ON_FAIL.id);
			assert.ok(result.ok, `n8n execute failed (exit ${result.code}):\n${result.output}`);
			assertEachCustomerOnce(outputOf(result.run, PROVISION));
		});

		test('Retry of the failed execution (REST, as the executions list): the instances it made are taken over', async () => {
			refuseOnce();
			const failed = await n8n.execute(NO_RETRY.id);
			assert.ok(!failed.ok, 'the run stops at the refused customer');
			const madeBefore = fake.instances.length;
			assert.ok(madeBefore >= 1, 'the failed run made instances before it stopped');

			await n8n.start();
			await n8n.setupOwner();
			const rest = await restClient(n8n.url);
			const executionsOf = async () =>
				(await rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: NO_RETRY.id }))}`)).results;

			const [original] = await executionsOf();
			assert.equal(original.status, 'error');
			await rest('POST', `/executions/${original.id}/retry`, { loadWorkflow: false });

			const finished = (execution) => execution.retryOf === original.id && !['new', 'running'].includes(execution.status);
			const retry = await waitFor(async () => (await executionsOf()).find(finished));
			assert.equal(retry.status, 'success');
			const names = fake.instances.map((instance) => instance.name).sort();
			assert.deepEqual(names, CUSTOMERS.map((customer) => customer.name).sort(), 'one instance per customer');
			assert.deepEqual(countWrites(fake.requests), { POST: CUSTOMERS.length + 1, PATCH: 0, DELETE: 0 });
		});
	});
}

/** Creates, patches and deletes the fake received: one create per customer and the refused one, nothing else. */
function countWrites(requests) {
	const count = (method) => requests.filter((request) => request.method === method).length;
	return { POST: count('POST'), PATCH: count('PATCH'), DELETE: count('DELETE') };
}
