'use strict';

/**
 * OAuth onboarding and re-authentication in real n8n, on every line of
 * scripts/install-n8n.js (or E2E_N8N_LINES): examples/onboard-oauth-customer.json
 * published and served by `n8n start`, driven in headless Chromium as a customer
 * would (the form, the fake provider's consent page, the callback's page), and
 * examples/reauthenticate-on-health.json run with `n8n execute`, its
 * re-authorization link then followed by the customer in the browser.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, describe, test } = require('node:test');

const { chromium } = require('playwright-core');

const { LINES, ensureN8n } = require('../../scripts/install-n8n');
const {
	N8n,
	createUserFolder,
	demoCredential,
	exampleWorkflows,
	freePort,
	outputOf,
	packPackage,
	servedWorkflowIds,
	signIn,
	waitForUrl,
} = require('../../scripts/lib/sandbox');
const { startFakeCloudElements } = require('../fake-api/server');
const { createInstances } = require('../harness/instances');
const { CHROMIUM, CHROMIUM_ARGS } = require('./chromium');

const ONBOARD_ID = 'ceOnboardOAuth';
const lines = process.env.E2E_N8N_LINES ? process.env.E2E_N8N_LINES.split(',') : Object.keys(LINES);

let tarball;
let browser;
before(async () => {
	assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/install-chromium.sh (apt-get install chromium)`);
	tarball = packPackage();
	browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
after(async () => {
	if (browser) await browser.close();
	if (tarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
});

/** The text of a page and of its frames (n8n may serve a webhook's HTML in a sandboxed iframe). */
async function pageText(page) {
	const texts = [];
	for (const frame of page.frames()) texts.push(await frame.locator('body').innerText().catch(() => ''));
	return texts.join('\n');
}

for (const line of lines) {
	describe(`n8n ${line}`, () => {
		let folder;
		let fake;
		let n8n;
		let cookie;
		let workflows;

		before(async () => {
			const runtime = ensureN8n(line);
			folder = createUserFolder(tarball);
			fake = await startFakeCloudElements({ port: 0 });
			n8n = new N8n(runtime, folder.dir, { port: await freePort() });
			workflows = exampleWorkflows();
			await n8n.import({
				credentials: [demoCredential({ userSecret: fake.userSecret, organizationSecret: fake.organizationSecret, baseUrl: fake.url })],
				workflows,
			});
		});

		/** `n8n start` with the workflows that serve a form or a callback published, as `npm start` has them. */
		async function started() {
			if (cookie) return;
			await n8n.publish(servedWorkflowIds(workflows));
			await n8n.start();
			await n8n.setupOwner();
			cookie = await signIn(n8n.url);
			await waitForUrl(`${n8n.url}/form/onboard-oauth`).catch((error) => {
				throw new Error(`${error.message}\n--- n8n log (end) ---\n${n8n.logTail(4000)}`);
			});
		}

		let links;
		test('reauthenticate-on-health: the key-based instances re-authenticated and enabled, a link for each OAuth one', async () => {
			fake.reset();
			// The OAuth instances were onboarded with the demo app, as onboard-oauth-customer does.
			const demoApp = { 'oauth.api.key': 'demo-oauth-client-id', 'oauth.api.secret': 'demo-oauth-client-secret' };
			// Soylent's HubSpot logs in by API key: an element that offers OAuth, an instance that does not use it.
			const hubspotKey = { 'authentication.type': 'apiKey', 'hubspot.authorization.apikey': 'soylent-hubspot-api-key' };
			const [healthy, globex, umbrella, hooli, soylent] = await createInstances(fake, [
				{ element: 'autopilot', name: 'initech', tags: ['onboarding'] },
				{ element: 'autopilot', name: 'globex', tags: ['onboarding'] },
				{ element: 'hubspot', name: 'Umbrella', tags: ['onboarding'], configuration: demoApp },
				{ element: 'hubspot', name: 'Hooli', tags: ['onboarding'], configuration: demoApp },
				{ element: 'hubspot', name: 'soylent', tags: ['onboarding'], configuration: hubspotKey },
			]);
			fake.breakInstance(globex.id);
			fake.breakInstance(soylent.id);
			fake.breakInstance(umbrella.id);
			fake.breakInstance(hooli.id, { disabled: false, valid: false });

			const result = await n8n.execute('ceReauthOnHealth');
			assert.ok(result.ok, `n8n execute failed (exit ${result.code}):\n${result.output}`);
			const changes = fake.requests.filter((request) => request.method !== 'GET').map(({ method, path }) => `${method} ${path}`);
			// The two instances go through at once: their order is not fixed.
			assert.deepEqual(changes.sort(), [
				`PUT /instances/${globex.id}`,
				`PUT /instances/${globex.id}/enabled`,
				`PUT /instances/${soylent.id}`,
				`PUT /instances/${soylent.id}/enabled`,
			].sort());
			const putOn = (instance) => fake.requests.find((request) => request.method === 'PUT' && request.path === `/instances/${instance.id}`);
			const [put, hubspotPut] = [putOn(globex), putOn(soylent)];
			assert.deepEqual([put.query, hubspotPut.query], [{}, {}], 'a key-based instance is not re-authenticated by code');
			assert.equal(put.body.configuration['api.key'], 'rotated-key-for-globex');
			assert.equal(hubspotPut.body.configuration['hubspot.authorization.apikey'], 'rotated-key-for-soylent');

			const now = Object.fromEntries(fake.instances.map((instance) => [instance.name, instance]));
			assert.deepEqual([now.globex.valid, now.globex.disabled, now.globex.id, now.globex.token], [true, false, globex.id, globex.token]);
			assert.deepEqual([now.soylent.valid, now.soylent.disabled, now.soylent.token], [true, false, soylent.token]);
			assert.equal(now.Umbrella.valid, false, 'the OAuth instance waits for its customer');
			assert.equal(now.initech.token, healthy.token);

			const [summary, ...more] = outputOf(result.run, 'Summary');
			assert.deepEqual(more, []);
			links = Object.fromEntries(summary.linksToSend.map((entry) => [entry.customer, entry.link]));
			assert.deepEqual(summary, {
				needingAttention: 4,
				reauthenticated: [
					{ customer: 'globex', element: 'autopilot', instanceId: globex.id, action: 're-authenticated and enabled', valid: true, disabled: false },
					{ customer: 'soylent', element: 'hubspot', instanceId: soylent.id, action: 're-authenticated and enabled', valid: true, disabled: false },
				],
				linksToSend: [
					{ customer: 'Umbrella', element: 'hubspot', instanceId: umbrella.id, action: 'reauthorization link', link: links.Umbrella },
					{ customer: 'Hooli', element: 'hubspot', instanceId: hooli.id, action: 'reauthorization link', link: links.Hooli },
				],
			});
			const url = new URL(links.Umbrella);
			assert.equal(url.pathname, '/provider/hubspot/authorize');
			assert.equal(url.searchParams.get('redirect_uri'), `${n8n.url}/webhook/oauth-reauthorize`);
			assert.match(url.searchParams.get('state'), /^[0-9a-f]{32}\.umbrella$/);
		});

		test('re-authorization: Allow on the link puts a fresh code on the same instance and enables it; the link works once', async () => {
			assert.ok(links, 'needs the links of the scheduled run');
			await started();
			const before = fake.instances.find((instance) => instance.name === 'Umbrella');
			const instanceCount = fake.instances.length;
			fake.requests.length = 0;
			const context = await browser.newContext();
			try {
				const page = await context.newPage();
				await page.goto(links.Umbrella);
				const result = await throughConsent(page, 'Allow', '/webhook/oauth-reauthorize');
				const code = new URL(result.landed).searchParams.get('code');
				assert.match(result.text, new RegExp(`Umbrella: your account is connected again \\(instance ${before.id}\\)`));
				assert.ok(!result.text.includes(before.token), "the customer's page shows no token");

				const changes = fake.requests.filter((request) => request.method !== 'GET' && request.path.startsWith('/instances'));
				assert.deepEqual(
					changes.map(({ method, path, query }) => [method, path, query]),
					[
						['PUT', `/instances/${before.id}`, { reAuthenticate: 'true' }],
						['PUT', `/instances/${before.id}/enabled`, {}],
					],
				);
				assert.deepEqual(changes[0].body.providerData, { code });
				const sent = changes[0].body.configuration;
				assert.equal(sent['oauth.callback.url'], `${n8n.url}/webhook/oauth-reauthorize`, 'the code is redeemed with the callback it was issued for');
				assert.ok(!('oauth.user.refresh_token' in sent), 'the stale refresh token is dropped');
				const after = fake.instances.find((instance) => instance.name === 'Umbrella');
				assert.deepEqual([after.id, after.token, after.valid, after.disabled], [before.id, before.token, true, false]);
				assert.equal(fake.instances.length, instanceCount, 'nothing created');

				fake.requests.length = 0;
				const replay = await page.goto(result.landed);
				assert.equal(replay.status(), 400);
				assert.match(await pageText(page), /Unknown or expired link/);
				assert.deepEqual(withoutHealthPolls(fake.requests), [], 'a used link sends nothing to Cloud Elements');
			} finally {
				await context.close();
			}
		});

		test('re-authorization: Deny on the link changes nothing and says the customer declined', async () => {
			assert.ok(links, 'needs the links of the scheduled run');
			await started();
			fake.requests.length = 0;
			const context = await browser.newContext();
			try {
				const page = await context.newPage();
				await page.goto(links.Hooli);
				const result = await throughConsent(page, 'Deny', '/webhook/oauth-reauthorize');
				assert.match(result.text, /Not reconnected/);
				assert.match(result.text, /The customer declined the authorization: The user denied access to the app\n/);
				assert.deepEqual(withoutHealthPolls(fake.requests).filter((request) => request.path.startsWith('/instances')), [], 'nothing sent to Cloud Elements');
				const hooli = fake.instances.find((instance) => instance.name === 'Hooli');
				assert.equal(hooli.valid, false);
			} finally {
				await context.close();
			}
		});

		after(async () => {
			if (n8n) await n8n.stop();
			if (fake) await fake.stop();
			if (folder) fs.rmSync(folder.dir, { recursive: true, force: true });
		});

		/** A customer fills the form in a fresh browser, then picks `decision` on the provider's page: the page they land on. */
		async function onboard(name, tool, decision) {
			const context = await browser.newContext();
			try {
				const page = await context.newPage();
				await page.goto(`${n8n.url}/form/onboard-oauth`);
				await page.getByLabel('Your name').fill(name);
				await page.locator('select').selectOption(tool);
				await page.getByRole('button', { name: 'Submit' }).click();
				return await throughConsent(page, decision, '/webhook/oauth-callback');
			} finally {
				await context.close();
			}
		}

		test('onboarding: form → Allow on the provider → one instance with the code, token kept', async () => {
			await started();
			fake.reset();
			const result = await onboard('Acme Corp', 'Mailchimp', 'Allow');
			const consent = new URL(result.consentUrl);
			assert.equal(consent.pathname, '/provider/mailchimpv3/authorize');
			assert.equal(consent.searchParams.get('redirect_uri'), `${n8n.url}/webhook/oauth-callback`);
			assert.match(consent.searchParams.get('state'), /^[0-9a-f]{32}\.acme-corp$/);
			assert.match(result.consentText, /demo-oauth-client-id/);

			assert.equal(fake.instances.length, 1, `instances: ${JSON.stringify(fake.instances)}`);
			const [instance] = fake.instances;
			assert.equal(instance.name, 'Acme Corp');
			assert.equal(instance.element.key, 'mailchimpv3');
			const code = new URL(result.landed).searchParams.get('code');
			const creates = fake.requests.filter((request) => request.method === 'POST' && request.path === '/instances');
			assert.equal(creates.length, 1);
			assert.deepEqual(creates[0].body.providerData, { code });
			assert.match(result.text, new RegExp(`Acme Corp: your Mailchimp account is connected \\(instance ${instance.id}\\)`));
			assert.ok(!result.text.includes(instance.token), 'the customer\'s page shows no token');

			const kept = await lastOutput(n8n, cookie, 'Keep the token');
			assert.deepEqual(kept, [{ customer: 'Acme Corp', element: 'mailchimpv3', instanceId: instance.id, token: instance.token }]);
		});

		test('onboarding: HubSpot too', async () => {
			await started();
			fake.reset();
			const result = await onboard('Globex', 'HubSpot', 'Allow');
			assert.equal(new URL(result.consentUrl).pathname, '/provider/hubspot/authorize');
			assert.deepEqual(
				fake.instances.map((instance) => [instance.name, instance.element.key]),
				[['Globex', 'hubspot']],
				`landed on ${result.landed}: ${result.text}\nrequests: ${fake.requests.map((request) => `${request.method} ${request.path}`).join(', ')}`,
			);
			assert.match(result.text, /Globex: your HubSpot account is connected/);
		});

		test('onboarding: an instance whose element refuses its ping is checked before the customer leaves, and said not to work', async () => {
			await started();
			fake.reset();
			fake.inject({ method: 'GET', path: '/hubs/marketing/ping', status: 401, body: { message: 'The provider rejected the key' } });
			const result = await onboard('Hooli', 'Mailchimp', 'Allow');
			assert.equal(fake.instances.length, 1);
			assert.match(result.text, /Not connected/);
			assert.match(result.text, new RegExp(`Instance ${fake.instances[0].id} is not usable: Its element refused the ping: Cloud Elements answered 401: The provider rejected the key`));
			assert.ok(!result.text.includes(fake.instances[0].token), "the customer's page shows no token");
		});

		test('onboarding: Deny on the provider creates nothing and says the customer declined', async () => {
			await started();
			fake.reset();
			const result = await onboard('Initech', 'Mailchimp', 'Deny');
			assert.equal(new URL(result.landed).searchParams.get('error'), 'access_denied');
			assert.match(result.text, /Not connected/);
			assert.match(result.text, /The customer declined the authorization: The user denied access to the app\n/);
			assert.equal(fake.instances.length, 0);
			assert.deepEqual(withoutHealthPolls(fake.requests).filter((request) => request.path.startsWith('/instances')), []);
		});

		test('onboarding: a forged state, or a real one used twice, creates nothing and says so', async () => {
			await started();
			fake.reset();
			const context = await browser.newContext();
			try {
				const page = await context.newPage();
				// A state this n8n never handed out (its customer's suffix, a made-up random part).
				const forged = `${n8n.url}/webhook/oauth-callback?${new URLSearchParams({ code: 'forged-code', state: `${'0'.repeat(32)}.acme-corp` })}`;
				const response = await page.goto(forged);
				assert.equal(response.status(), 400);
				assert.match(await pageText(page), /Unknown or expired link/);
				assert.deepEqual(withoutHealthPolls(fake.requests), [], 'nothing sent to Cloud Elements');

				// The real round trip, then its callback replayed.
				const first = await onboard('Umbrella', 'Mailchimp', 'Allow');
				assert.equal(fake.instances.length, 1);
				const replay = await page.goto(first.landed);
				assert.equal(replay.status(), 400);
				assert.match(await pageText(page), /Unknown or expired link/);
				assert.equal(fake.instances.length, 1);
			} finally {
				await context.close();
			}
		});
	});
}

/**
 * On its way to the provider's consent page, the customer picks `decision` there and is sent back to
 * `callbackPath`: the consent page's URL and text, where they landed and what that page says.
 */
async function throughConsent(page, decision, callbackPath) {
	await page.waitForURL((url) => url.pathname.startsWith('/provider/'), { timeout: 30_000 });
	const consentUrl = page.url();
	const consentText = await page.locator('body').innerText();
	await page.getByRole('button', { name: decision }).click();
	await page.waitForURL((url) => url.pathname === callbackPath, { timeout: 30_000 });
	await page.waitForLoadState('load');
	return { consentUrl, consentText, landed: page.url(), text: await pageText(page) };
}

/**
 * The items `nodeName` output in the newest execution of the onboarding workflow in which it ran (REST, as the
 * editor reads it). Waited for: the customer's page is answered before n8n saves the execution, and the form's
 * own execution of the same workflow may be the newest.
 */
async function lastOutput(n8n, cookie, nodeName, timeoutMs = 30_000) {
	const get = async (route) => {
		const response = await fetch(`${n8n.url}/rest${route}`, { headers: { cookie } });
		assert.equal(response.status, 200, `GET ${route}: ${response.status}`);
		return (await response.json()).data;
	};
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = await get(`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: ONBOARD_ID }))}`);
		for (const { id, status } of list.results) {
			if (status !== 'success') continue;
			const runData = unflatten((await get(`/executions/${id}`)).data).resultData.runData;
			if (runData[nodeName]) return runData[nodeName].at(-1).data.main[0].map((item) => item.json);
		}
		if (Date.now() > deadline) assert.fail(`"${nodeName}" ran in no finished execution within ${timeoutMs / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/** n8n stores execution data in `flatted`'s format: an array whose strings that are indexes point to other entries. */
function unflatten(text) {
	const entries = JSON.parse(text);
	const seen = new Map();
	const revive = (value) => {
		if (typeof value === 'string' && /^\d+$/.test(value)) return resolve(Number(value));
		if (value && typeof value === 'object') return resolveObject(value);
		return value;
	};
	const resolveObject = (object) => {
		for (const key of Object.keys(object)) object[key] = revive(object[key]);
		return object;
	};
	const resolve = (index) => {
		if (seen.has(index)) return seen.get(index);
		const value = entries[index];
		if (typeof value !== 'object' || value === null) {
			seen.set(index, value);
			return value;
		}
		seen.set(index, value);
		return resolveObject(value);
	};
	return resolve(0);
}

/**
 * The requests other than the polls of reauthenticate-on-health's Instance Health Trigger, which
 * lists every instance each minute once the workflow is published.
 */
function withoutHealthPolls(requests) {
	return requests.filter((request) => !(request.method === 'GET' && request.path === '/instances'));
}
