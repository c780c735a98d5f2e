'use strict';

/**
 * n8n's queue mode (its distributed engine) end to end: a redis-server on a
 * loopback port, an `n8n start` main with EXECUTIONS_MODE=queue and two
 * `n8n worker` processes sharing one user folder (SQLite database, and the
 * package installed as a community package in .n8n/nodes), the fake Cloud
 * Elements API. A webhook-triggered workflow provisions the customers POSTed
 * to it; the main only enqueues the execution, a worker runs it.
 *
 * n8n line: 2.8.4 (scripts/install-n8n.js's default), or those in
 * E2E_N8N_LINES=2.8.4,2.41.1. SQLite makes n8n warn "Scaling mode is not
 * officially supported with sqlite" (PostgreSQL is the supported store); it
 * is enough for this test.
 */
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, describe, test } = require('node:test');

const { DEFAULT_LINE, ensureN8n } = require('../../scripts/install-n8n');
const { N8n, NODE_TYPE, createUserFolder, demoCredential, freePort } = require('../../scripts/lib/sandbox');
const { startFakeCloudElements } = require('../fake-api/server');
const { N8nProcess, ensureRedisServer, packBuiltPackage, startRedis } = require('./queue-sandbox');

const SECRETS = { userSecret: 'queue-user-secret', organizationSecret: 'queue-organization-secret' };
const WORKFLOW_ID = 'ceQueueOnboarding';
const WEBHOOK_PATH = 'ce-queue-onboarding';
const lines = process.env.E2E_N8N_LINES ? process.env.E2E_N8N_LINES.split(',') : [DEFAULT_LINE];

/** Webhook (POST { customers: [...] }) → Split Out → Provision Autopilot; answers with the last node's items. */
function onboardingWorkflow(credential) {
	return {
		id: WORKFLOW_ID,
		name: 'Queue mode: onboard customers from a webhook',
		nodes: [
			{
				id: 'b7c1a0e2-0001-4000-8000-000000000001',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'b7c1a0e2-1111-4000-8000-000000000001',
				parameters: {
					httpMethod: 'POST',
					path: WEBHOOK_PATH,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			},
			{
				id: 'b7c1a0e2-0002-4000-8000-000000000002',
				name: 'Customers',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.customers', options: {} },
			},
			{
				id: 'b7c1a0e2-0003-4000-8000-000000000003',
				name: 'Provision Autopilot',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					operation: 'provisionAutopilot',
					instanceName: '={{ $json.name }}',
					autopilotApiKey: '={{ $json.apiKey }}',
					tags: ['queue-e2e', '={{ $json.slug }}'],
				},
				credentials: { cloudElementsApi: { id: credential.id, name: credential.name } },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Customers', type: 'main', index: 0 }]] },
			Customers: { main: [[{ node: 'Provision Autopilot', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}

function customers(prefix, count) {
	return Array.from({ length: count }, (_, index) => {
		const slug = `${prefix.toLowerCase()}-${String(index + 1).padStart(2, '0')}`;
		return { name: `${prefix} customer ${String(index + 1).padStart(2, '0')}`, slug, apiKey: `${slug}-autopilot-key` };
	});
}

/** Executions enqueued by the main, and started / finished by each worker, from their logs. */
function executionsIn(output) {
	const ids = (pattern) => [...output.matchAll(pattern)].map((match) => match[1]);
	return {
		enqueued: ids(/Enqueued execution (\d+) \(job \d+\)/g),
		started: ids(/Worker started execution (\d+) \(job \d+\)/g),
		finished: ids(/Worker finished execution (\d+) \(job \d+\)/g),
	};
}

/** Resolves once an OPTIONS preflight for POST on the production webhook answers 2xx (404 while it is not registered). */
async function webhookRegistered(url, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	let last = 'no answer';
	for (;;) {
		try {
			const response = await fetch(url, {
				method: 'OPTIONS',
				headers: { origin: new URL(url).origin, 'access-control-request-method': 'POST' },
				signal: AbortSignal.timeout(2000),
			});
			last = `${response.status} ${(await response.text()).slice(0, 300)}`;
			if (response.ok) return;
		} catch (error) {
			last = error.message;
		}
		if (Date.now() > deadline) assert.fail(`the webhook ${url} was not registered within ${timeoutMs / 1000} s: ${last}`);
		await sleep(250);
	}
}

/** The scaling lines of each process's log, for the test output. */
function scalingLines(main, workers) {
	const pick = (label, output) =>
		output
			.split('\n')
			.filter((line) => /Enqueued execution|Worker (started|finished) execution/.test(line))
			.map((line) => `  ${label}: ${line.trim()}`);
	return [pick('main', main.output), ...workers.map((worker, index) => pick(`worker ${index + 1}`, worker.output))]
		.flat()
		.join('\n');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

for (const line of lines) {
	describe(`n8n ${line} in queue mode: a main and two workers on Redis`, () => {
		const temp = [];
		let redis;
		let fake;
		let main;
		let workers = [];

		before(async () => {
			const redisVersion = ensureRedisServer();
			const runtime = ensureN8n(line);
			const tarball = await packBuiltPackage();
			temp.push(path.dirname(tarball));
			const folder = createUserFolder(tarball);
			temp.push(folder.dir);

			fake = await startFakeCloudElements({ port: 0, ...SECRETS, latencyMs: 20 });
			redis = await startRedis(await freePort());
			console.log(`${redisVersion.split(' ').slice(0, 3).join(' ')} on 127.0.0.1:${redis.port} (pid ${redis.pid})`);

			const credential = demoCredential({ ...SECRETS, baseUrl: fake.url });
			const cli = new N8n(runtime, folder.dir);
			await cli.import({ credentials: [credential], workflows: [onboardingWorkflow(credential)] });
			await cli.publish([WORKFLOW_ID]);

			const queueEnv = {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redis.port),
			};
			main = new N8nProcess(runtime, folder.dir, { port: await freePort(), env: queueEnv });
			workers = [];
			for (let index = 0; index < 2; index++) {
				const healthPort = await freePort();
				workers.push(
					new N8nProcess(runtime, folder.dir, {
						command: 'worker',
						// One job at a time per worker, so that two jobs enqueued together land on
						// both workers (n8n warns below 5; a real deployment keeps the default 10).
						args: ['--concurrency=1'],
						readyPath: '/healthz/readiness',
						port: healthPort,
						env: {
							...queueEnv,
							QUEUE_HEALTH_CHECK_ACTIVE: 'true',
							QUEUE_HEALTH_CHECK_PORT: String(healthPort),
							N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
						},
					}),
				);
			}
			// The database is migrated (by the imports): the three can start together.
			const started = Date.now();
			await Promise.all([main, ...workers].map((n8n) => n8n.start()));
			// The main answers /rest/settings before it serves production webhooks (on 2.41.1,
			// a POST right then got Express's "Cannot POST /webhook/…" 404): wait for a CORS
			// preflight to find the webhook registered.
			await webhookRegistered(`${main.url}/webhook/${WEBHOOK_PATH}`);
			console.log(`main (webhook registered) and two workers ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
		});

		after(async () => {
			if (main) console.log(scalingLines(main, workers));
			await Promise.all([main, ...workers].filter(Boolean).map((n8n) => n8n.stop()));
			if (redis) await redis.stop();
			if (fake) await fake.stop();
			for (const dir of temp) fs.rmSync(dir, { recursive: true, force: true });
		});

		/** POSTs customers to the production webhook; returns the items the last node output. */
		async function onboard(list) {
			const response = await fetch(`${main.url}/webhook/${WEBHOOK_PATH}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ customers: list }),
				signal: AbortSignal.timeout(120_000),
			});
			const text = await response.text();
			assert.equal(response.status, 200, `webhook answered ${response.status}: ${text.slice(0, 2000)}`);
			return JSON.parse(text);
		}

		/** Waits until every execution the main enqueued has a "finished" line in a worker log; returns where each ran. */
		async function placements(enqueuedBefore) {
			const deadline = Date.now() + 15_000;
			for (;;) {
				const enqueued = executionsIn(main.output).enqueued.slice(enqueuedBefore);
				const perWorker = workers.map((worker) => executionsIn(worker.output));
				const finished = enqueued.filter((id) => perWorker.some((worker) => worker.finished.includes(id)));
				if (enqueued.length && finished.length === enqueued.length) {
					return enqueued.map((id) => ({
						id,
						startedOn: perWorker.flatMap((worker, index) => (worker.started.includes(id) ? [index] : [])),
						finishedOn: perWorker.flatMap((worker, index) => (worker.finished.includes(id) ? [index] : [])),
					}));
				}
				if (Date.now() > deadline) {
					assert.fail(
						`executions enqueued by the main: ${enqueued.join(', ') || 'none'}; finished by a worker: ${finished.join(', ') || 'none'}\n` +
							`--- main (end) ---\n${main.output.slice(-3000)}\n` +
							workers.map((worker, index) => `--- worker ${index + 1} (end) ---\n${worker.output.slice(-3000)}`).join('\n'),
					);
				}
				await sleep(200);
			}
		}

		/** Each customer was provisioned by exactly one POST /instances, and each answer carries its instance's id and token. */
		function assertProvisionedOnce(list, items) {
			const posts = fake.requests.filter((request) => request.method === 'POST' && request.path === '/instances');
			const names = posts.map((request) => request.body.name);
			assert.equal(posts.length, list.length, `POST /instances count: ${posts.length}`);
			assert.equal(new Set(names).size, list.length, 'a customer was provisioned twice');
			assert.deepEqual([...names].sort(), list.map((customer) => customer.name).sort());
			for (const request of posts) {
				const customer = list.find((c) => c.name === request.body.name);
				assert.equal(request.body.element.key, 'autopilot');
				assert.equal(request.body.configuration['api.key'], customer.apiKey);
			}

			const instances = new Map(fake.instances.map((instance) => [instance.id, instance]));
			assert.equal(instances.size, list.length);
			assert.equal(items.length, list.length, `the webhook answered ${items.length} items`);
			for (const item of items) {
				const instance = instances.get(item.id);
				assert.ok(instance, `item for ${item.name} carries an id the API did not create: ${item.id}`);
				assert.equal(item.token, instance.token);
				assert.equal(item.name, instance.name);
				assert.ok(item.token, `no token for ${item.name}`);
			}
			assert.equal(new Set(items.map((item) => item.id)).size, list.length, 'an instance was returned twice');
		}

		test('the workers are up on Redis with the package; the main is up and warns about SQLite', () => {
			assert.match(main.output, /Scaling mode is not officially supported with sqlite/);
			for (const worker of workers) {
				assert.match(worker.output, /n8n worker is now ready/);
				assert.doesNotMatch(worker.output, /Unrecognized node type|Error loading package/);
			}
		});

		test('50 customers in one webhook call: run on a worker, each provisioned once, every token returned', async () => {
			fake.reset();
			const enqueuedBefore = executionsIn(main.output).enqueued.length;
			const list = customers('Onboarding', 50);
			const items = await onboard(list);

			assertProvisionedOnce(list, items);
			// Same order as the customers came in.
			assert.deepEqual(
				items.map((item) => item.name),
				list.map((customer) => customer.name),
			);

			const [execution, ...more] = await placements(enqueuedBefore);
			assert.equal(more.length, 0, 'one webhook call, one execution');
			assert.equal(execution.startedOn.length, 1, `execution ${execution.id} started on workers ${execution.startedOn}`);
			assert.deepEqual(execution.finishedOn, execution.startedOn);
			assert.doesNotMatch(main.output, /Worker (started|finished) execution/, 'the main ran an execution itself');
			console.log(`execution ${execution.id}: enqueued by the main, run by worker ${execution.startedOn[0] + 1}`);
		});

		test('two concurrent webhook calls of 25: one execution on each worker', async () => {
			fake.reset();
			const enqueuedBefore = executionsIn(main.output).enqueued.length;
			const first = customers('Batch-A', 25);
			const second = customers('Batch-B', 25);
			const [firstItems, secondItems] = await Promise.all([onboard(first), onboard(second)]);

			assertProvisionedOnce([...first, ...second], [...firstItems, ...secondItems]);
			assert.deepEqual(
				firstItems.map((item) => item.name),
				first.map((customer) => customer.name),
			);
			assert.deepEqual(
				secondItems.map((item) => item.name),
				second.map((customer) => customer.name),
			);

			const executions = await placements(enqueuedBefore);
			assert.equal(executions.length, 2);
			for (const execution of executions) assert.equal(execution.startedOn.length, 1);
			assert.deepEqual(executions.map((execution) => execution.startedOn[0]).sort(), [0, 1], 'both workers took a job');
			assert.doesNotMatch(main.output, /Worker (started|finished) execution/);
			for (const worker of workers) assert.ok(worker.running, 'a worker exited');
			console.log(executions.map((e) => `execution ${e.id} → worker ${e.startedOn[0] + 1}`).join('; '));
		});
	});
}
