'use strict';

/**
 * Cloud Elements Provision as an AI Agent's tool in real n8n, on every n8n line
 * of scripts/install-n8n.js (or those in E2E_N8N_LINES): examples/ai-agent-provision.json
 * runs with `n8n execute`, n8n's own AI Agent and OpenAI Chat Model nodes
 * talking to a local fake model (test/fake-model) that calls the tool once and
 * then answers, and the tool provisioning on the fake Cloud Elements API.
 * What reached the "model provider" is checked request by request.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, describe, test } = require('node:test');

const { LINES, ensureN8n } = require('../../scripts/install-n8n');
const { N8n, createUserFolder, demoCredential, exampleWorkflows, outputOf, packPackage } = require('../../scripts/lib/sandbox');
const { startFakeCloudElements } = require('../fake-api/server');
const { fakeModelCredential, startFakeModel } = require('../fake-model/server');
const { leakedSecrets } = require('../harness/shown');

const lines = process.env.E2E_N8N_LINES ? process.env.E2E_N8N_LINES.split(',') : Object.keys(LINES);
const WORKFLOW_ID = 'ceAiAgentProvision';
const TOOL_NAME = 'Provision_Autopilot';
const INSTANCE_NAME = 'acme-corp';
const AUTOPILOT_API_KEY = 'acme-autopilot-api-key';

/** The tool results the model got, parsed: n8n sends a tool's output items as JSON text. */
function toolResultsSent(requests) {
	return requests.flatMap((request) =>
		(request.body?.messages ?? []).filter((message) => message.role === 'tool').map((message) => JSON.parse(message.content)),
	);
}

/** The instance as the simplified tool output shows it, without the token. */
const simplified = (instance, provisionAction) => ({
	id: instance.id,
	name: instance.name,
	elementKey: instance.element.key,
	tags: ['ai-agent', 'acme'],
	createdDate: instance.createdDate,
	provisionAction,
});

let tarball;
before(() => {
	tarball = packPackage();
});
after(() => {
	// Unset when packing failed: its own error is the one to see.
	if (tarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
});

for (const line of lines) {
	describe(`n8n ${line}: Cloud Elements Provision as an AI Agent tool`, () => {
		let folder;
		let fake;
		let model;
		let n8n;

		before(async () => {
			const runtime = ensureN8n(line);
			folder = createUserFolder(tarball);
			fake = await startFakeCloudElements({ port: 0 });
			model = await startFakeModel({ port: 0, toolName: TOOL_NAME, toolArguments: { instanceName: INSTANCE_NAME } });
			n8n = new N8n(runtime, folder.dir);
			await n8n.import({
				credentials: [
					demoCredential({ userSecret: fake.userSecret, organizationSecret: fake.organizationSecret, baseUrl: fake.url }),
					fakeModelCredential(model),
				],
				workflows: exampleWorkflows().filter((workflow) => workflow.id === WORKFLOW_ID),
			});
		});

		after(async () => {
			if (model) await model.stop();
			if (fake) await fake.stop();
			if (folder) fs.rmSync(folder.dir, { recursive: true, force: true });
		});

		test('the agent calls the tool once: one instance, described by its operation, the simplified result without the token to the model', async () => {
			fake.reset();
			model.reset();
			const result = await n8n.execute(WORKFLOW_ID);
			assert.ok(result.ok, `n8n execute --id=${WORKFLOW_ID} failed (exit ${result.code}):\n${result.output}`);

			const creates = fake.requests.filter((request) => request.method === 'POST' && request.path === '/instances');
			assert.equal(creates.length, 1, 'exactly one create');
			assert.equal(fake.instances.length, 1, 'exactly one instance');
			const [instance] = fake.instances;
			assert.equal(instance.name, INSTANCE_NAME);
			// The API key came from the Customer node, not from the model.
			assert.equal(creates[0].body.configuration['api.key'], AUTOPILOT_API_KEY);

			const chats = model.requests.filter((request) => request.path.endsWith('/chat/completions'));
			assert.equal(chats.length, 2, 'one call that asks for the tool, one after its result');
			const [tool] = chats[0].body.tools;
			assert.equal(tool.function.name, TOOL_NAME);
			assert.equal(tool.function.description, 'Provision an Autopilot instance in Cloud Elements Provision');
			assert.deepEqual(Object.keys(tool.function.parameters.properties), ['instanceName']);

			const everythingSent = model.requests.map((request) => `${JSON.stringify(request.headers)}\n${request.rawBody}`).join('\n');
			assert.deepEqual(leakedSecrets(everythingSent, [instance.token, AUTOPILOT_API_KEY]), [], 'no token or provider key reached the model');
			const [sent] = toolResultsSent(chats);
			assert.deepEqual(sent, [simplified(instance, 'created')]);

			assert.match(outputOf(result.run, 'AI Agent')[0].output, new RegExp(`"id":${instance.id}`));
			// The token is fetched outside the model, by a later node.
			assert.deepEqual(outputOf(result.run, 'Instance token'), [
				{ id: instance.id, name: INSTANCE_NAME, elementKey: 'autopilot', tags: ['ai-agent', 'acme'], token: instance.token, createdDate: instance.createdDate },
			]);
		});

		test('run again, the tool returns the existing instance (If Instance Already Exists: Return Existing) and creates none', async () => {
			assert.equal(fake.instances.length, 1, 'the previous test left its instance');
			const before = fake.requests.length;
			model.reset();
			const result = await n8n.execute(WORKFLOW_ID);
			assert.ok(result.ok, `n8n execute --id=${WORKFLOW_ID} failed (exit ${result.code}):\n${result.output}`);
			assert.equal(fake.requests.slice(before).filter((request) => request.method === 'POST').length, 0, 'no create');
			assert.equal(fake.instances.length, 1);
			assert.deepEqual(toolResultsSent(model.requests), [[simplified(fake.instances[0], 'existing')]]);
		});
	});
}
