'use strict';

/**
 * The package installed from its tarball into real n8n, on every n8n line of
 * scripts/install-n8n.js (or those in E2E_N8N_LINES=2.8.4,2.41.1): the example
 * workflows run with `n8n execute` against the fake Cloud Elements API.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, describe, test } = require('node:test');

const { LINES, ensureN8n } = require('../../scripts/install-n8n');
const { createInstances } = require('../harness/instances');
const { N8n, createUserFolder, demoCredential, exampleWorkflows, outputOf, packPackage } = require('../../scripts/lib/sandbox');
const { startFakeCloudElements } = require('../fake-api/server');

const SECRETS = { userSecret: 'e2e-user-secret', organizationSecret: 'e2e-organization-secret' };
const AUTHORIZATION = 'User e2e-user-secret, Organization e2e-organization-secret';
const lines = process.env.E2E_N8N_LINES ? process.env.E2E_N8N_LINES.split(',') : Object.keys(LINES);

/**
 * provision-pardot.json whose User Key comes out empty at run time. (Left out
 * altogether, n8n itself refuses the workflow, "The workflow has issues",
 * before the node runs; an expression is only checked when it resolves.)
 */
function missingUserKeyWorkflow() {
	const workflow = structuredClone(exampleWorkflows().find((w) => w.id === 'ceProvisionPardot'));
	workflow.id = 'ceMissingUserKey';
	workflow.name = 'Pardot without a user key';
	workflow.nodes.find((node) => node.name === 'Provision Pardot').parameters.pardotUserKey = '={{ $json.userKey }}';
	return workflow;
}

/**
 * The node may add one tag of its own, `n8n-provision:<uuid>`, so that a
 * retried create can find the instance a lost answer made; the user's tags
 * must come through as they are.
 */
function withoutRetryMarker(body) {
	const markers = body.tags.filter((tag) => /^n8n-provision:[0-9a-f-]{36}$/.test(tag));
	assert.ok(markers.length <= 1, `more than one retry marker in ${JSON.stringify(body.tags)}`);
	return { ...body, tags: body.tags.filter((tag) => !markers.includes(tag)) };
}

/** The customers examples/onboard-any-element.json's Code node returns, in item (and name) order. */
const ANY_ELEMENT_CUSTOMERS = [
	{
		name: 'Acme Corp',
		slug: 'acme',
		element: 'icontact',
		configuration: { 'api.version': '2.0', 'api.username': 'ops@acme.example', AppID: 'acme-icontact-app' },
		secretKey: 'api.password',
		secret: 'acme-icontact-password',
	},
	{
		name: 'Globex',
		slug: 'globex',
		element: 'mailjetmarketing',
		configuration: { 'mailjetmarketing.api.key': 'globex-mailjet-api-key' },
		secretKey: 'mailjetmarketing.api.secret',
		secret: 'globex-mailjet-secret',
	},
	{
		name: 'Initech',
		slug: 'initech',
		element: 'marketo',
		configuration: {
			'oauth.api.key': 'initech-marketo-client-id',
			'marketo.identity.url': 'https://123-abc-456.mktorest.com/identity',
			'base.url': 'https://123-abc-456.mktorest.com/rest',
		},
		secretKey: 'oauth.api.secret',
		secret: 'initech-marketo-client-secret',
	},
];

/**
 * No secret in the output of any node but the one that supplies them (the
 * example's Code node stands in for a vault or CRM, so it holds them in clear).
 */
function assertNoSecretShown(run, secrets, supplier = 'Customers') {
	for (const [nodeName, runs] of Object.entries(run.data.resultData.runData)) {
		if (nodeName === supplier) continue;
		const shown = JSON.stringify(runs);
		for (const secret of secrets) assert.ok(!shown.includes(secret), `"${nodeName}" shows the secret ${secret}`);
	}
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

		/** Runs a workflow on a clean fake; returns the fake's POST bodies and the run. */
		async function execute(workflowId) {
			fake.reset();
			const result = await n8n.execute(workflowId);
			assert.ok(result.ok, `n8n execute --id=${workflowId} failed (exit ${result.code}):\n${result.output}`);
			const tokens = fake.instances.map((instance) => instance.token);
			for (const request of fake.requests) {
				// An element API call carries the instance's token where the platform's carry the organization secret.
				const [, token] = /^User e2e-user-secret, Element (\S+)$/.exec(request.headers.authorization) ?? [];
				if (request.path.startsWith('/hubs/')) assert.ok(tokens.includes(token), `${request.path} with an instance's token`);
				else assert.equal(request.headers.authorization, AUTHORIZATION);
				// A GET (an element's metadata) has no body to describe.
				if (request.method !== 'GET') assert.match(request.headers['content-type'], /^application\/json/);
			}
			const requests = fake.requests.map(({ method, path, body }) => ({
				method,
				path,
				body: method === 'POST' ? withoutRetryMarker(body) : body,
			}));
			return { requests, run: result.run };
		}

		before(async () => {
			const runtime = ensureN8n(line);
			folder = createUserFolder(tarball);
			fake = await startFakeCloudElements({ port: 0, ...SECRETS });
			n8n = new N8n(runtime, folder.dir);
			await n8n.import({
				credentials: [demoCredential({ ...SECRETS, baseUrl: fake.url })],
				workflows: [...exampleWorkflows(), missingUserKeyWorkflow()],
			});
		});

		after(async () => {
			if (fake) await fake.stop();
			if (folder) fs.rmSync(folder.dir, { recursive: true, force: true });
		});

		test('the package sits in .n8n/nodes with no node_modules, so it runs on n8n\'s own n8n-workflow', () => {
			const entries = fs.readdirSync(folder.packageDir);
			assert.ok(entries.includes('package.json') && entries.includes('dist'), `unpacked: ${entries.join(', ')}`);
			assert.ok(!entries.includes('node_modules'));
		});

		test('provision-pardot: one POST /instances with the documented body', async () => {
			const { requests, run } = await execute('ceProvisionPardot');
			assert.deepEqual(requests, [
				{
					method: 'POST',
					path: '/instances',
					body: {
						element: { key: 'pardot' },
						configuration: {
							'apikey.user.name': 'marketing@acme.example',
							'apikey.user.password': 'acme-pardot-password',
							'apikey.user.key': 'acme-pardot-user-key',
							'provider.version': '4',
						},
						tags: ['acme', 'marketing'],
						name: 'acme-pardot',
					},
				},
			]);
			const [instance] = outputOf(run, 'Provision Pardot');
			assert.equal(instance.id, fake.instances[0].id);
			assert.equal(instance.token, fake.instances[0].token);
			assert.equal(instance.element.key, 'pardot');
		});

		test('provision-autopilot: one POST /instances with the documented body', async () => {
			const { requests, run } = await execute('ceProvisionAutopilot');
			assert.deepEqual(requests, [
				{
					method: 'POST',
					path: '/instances',
					body: {
						element: { key: 'autopilot' },
						configuration: { 'api.key': 'acme-autopilot-api-key' },
						tags: ['acme'],
						name: 'acme-autopilot',
					},
				},
			]);
			const [instance] = outputOf(run, 'Provision Autopilot');
			assert.equal(instance.id, fake.instances[0].id);
			assert.equal(instance.token, fake.instances[0].token);
		});

		test('scheduled-reprovisioning: replaces the disabled instance and hands on its new token', async () => {
			fake.reset();
			const [healthy, broken] = await createInstances(fake, [
				{ element: 'autopilot', name: 'initech', tags: ['onboarding'] },
				{ element: 'autopilot', name: 'globex', tags: ['onboarding'] },
			]);
			const disabled = await fetch(`${fake.url}/instances/${broken.id}/enabled`, {
				method: 'DELETE',
				headers: { authorization: AUTHORIZATION },
			});
			assert.equal(disabled.status, 200);

			const result = await n8n.execute('ceScheduledReprovision');
			assert.ok(result.ok, `n8n execute failed (exit ${result.code}):\n${result.output}`);
			const [renewed, ...others] = outputOf(result.run, 'New tokens');
			assert.deepEqual(others, []);
			const current = fake.instances;
			assert.deepEqual(current.map((instance) => instance.name).sort(), ['globex', 'initech']);
			const globex = current.find((instance) => instance.name === 'globex');
			assert.notEqual(globex.id, broken.id);
			assert.equal(globex.configuration['api.key'], 'rotated-key-for-globex');
			assert.deepEqual(renewed, { customer: 'globex', instanceId: globex.id, token: globex.token, action: 'replaced' });
			assert.ok(current.some((instance) => instance.id === healthy.id), 'the healthy instance stays');
		});

		test('onboard-customers: Pardot or Autopilot per customer, each checked, then its id, token and first contacts', async () => {
			const { requests, run } = await execute('ceOnboardCustomers');
			const pardot = (name, slug, username, prefix) => ({
				method: 'POST',
				path: '/instances',
				body: {
					element: { key: 'pardot' },
					configuration: {
						'apikey.user.name': username,
						'apikey.user.password': `${prefix}-pardot-password`,
						'apikey.user.key': `${prefix}-pardot-user-key`,
						'provider.version': '3',
					},
					tags: ['onboarding', slug],
					name,
				},
			});
			assert.deepEqual(requests.filter((request) => request.method === 'POST'), [
				pardot('Acme Corp', 'acme', 'marketing@acme.example', 'acme'),
				pardot('Initech', 'initech', 'ops@initech.example', 'initech'),
				{
					method: 'POST',
					path: '/instances',
					body: {
						element: { key: 'autopilot' },
						configuration: { 'api.key': 'globex-autopilot-api-key' },
						tags: ['onboarding', 'globex'],
						name: 'Globex',
					},
				},
			]);
			assert.deepEqual(
				outputOf(run, 'Instance tokens'),
				fake.instances.map((instance) => ({
					customer: instance.name,
					element: instance.element.key,
					instanceId: instance.id,
					token: instance.token,
				})),
			);
			// Pardot's element answers a ping; Autopilot's has none, so its instance's flags decide.
			assert.deepEqual(
				outputOf(run, 'Check instance').map(({ name, healthy, checkedWith }) => ({ name, healthy, checkedWith })),
				[
					{ name: 'Acme Corp', healthy: true, checkedWith: 'ping' },
					{ name: 'Initech', healthy: true, checkedWith: 'ping' },
					{ name: 'Globex', healthy: true, checkedWith: 'instance' },
				],
			);
			// One page of each customer's contacts, asked for with its own token (items run side by side).
			const contactReads = fake.requests.filter((request) => request.path === '/hubs/marketing/contacts');
			assert.deepEqual(
				contactReads.map((request) => [request.headers.authorization, request.query.pageSize]).sort(),
				fake.instances.map((instance) => [`User e2e-user-secret, Element ${instance.token}`, '5']).sort(),
			);
			const contacts = outputOf(run, 'First contacts');
			assert.equal(contacts.length, 15);
			assert.ok(contacts.every((contact) => typeof contact.email === 'string' && !('token' in contact)));
		});

		test('onboard-any-element: iContact, Mailjet and Marketo from one node, secrets sent but never shown', async () => {
			const { requests, run } = await execute('ceOnboardAnyElement');
			// Each element's metadata is read once, and every item checked, before the first create.
			assert.deepEqual(
				requests.slice(0, 3).map(({ method, path }) => `${method} ${path}`),
				['icontact', 'mailjetmarketing', 'marketo'].map((key) => `GET /elements/${key}/configuration`),
			);
			// Up to Concurrency creates are in flight at once: they may arrive in any order.
			const creates = requests.filter((request) => request.method === 'POST').sort((a, b) => a.body.name.localeCompare(b.body.name));
			assert.deepEqual(
				creates,
				ANY_ELEMENT_CUSTOMERS.map(({ name, slug, element, configuration, secretKey, secret }) => ({
					method: 'POST',
					path: '/instances',
					body: { element: { key: element }, configuration: { ...configuration, [secretKey]: secret }, tags: ['onboarding', slug], name },
				})),
			);
			assert.deepEqual(
				outputOf(run, 'Instance tokens'),
				ANY_ELEMENT_CUSTOMERS.map(({ name, element }) => {
					const instance = fake.instances.find((candidate) => candidate.name === name);
					return { customer: name, element, instanceId: instance.id, token: instance.token };
				}),
			);
			// Then each new instance is checked: read by its ID, its element pinged with its token.
			assert.deepEqual(
				outputOf(run, 'Check instance').map(({ name, healthy, checkedWith }) => ({ name, healthy, checkedWith })),
				ANY_ELEMENT_CUSTOMERS.map(({ name }) => ({ name, healthy: true, checkedWith: 'ping' })),
			);
			for (const [index, instance] of outputOf(run, 'Provision any element').entries()) {
				const { secretKey } = ANY_ELEMENT_CUSTOMERS[index];
				assert.equal(instance.configuration[secretKey], '********', `${secretKey} of ${instance.name}`);
			}
			assertNoSecretShown(run, ANY_ELEMENT_CUSTOMERS.map((customer) => customer.secret));
		});

		test('a Pardot workflow without a user key fails naming the field, and sends nothing', async () => {
			fake.reset();
			const result = await n8n.execute('ceMissingUserKey');
			assert.notEqual(result.code, 0, `expected a failed execution:\n${result.output}`);
			assert.match(result.output, /Missing or invalid Pardot fields: User Key \(apikey\.user\.key\) is missing/);
			assert.equal(fake.requests.length, 0);
		});
	});
}
