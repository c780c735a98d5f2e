'use strict';

/**
 * The node's fields as n8n's editor really renders them, in headless Debian
 * Chromium (scripts/install-chromium.sh), on the newest n8n line (or
 * E2E_BROWSER_LINE). Screenshots go to a temp folder, removed afterwards, so
 * that a test run leaves the checkout as it was; `npm run docs:screenshots`
 * sets SCREENSHOTS_DIR=docs to refresh the README's on purpose.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, test } = require('node:test');

const { chromium } = require('playwright-core');

const { NEWEST_LINE, ensureN8n } = require('../../scripts/install-n8n');
const {
	N8n,
	ROOT,
	createUserFolder,
	demoCredential,
	exampleWorkflows,
	freePort,
	packPackage,
	tempFolder,
} = require('../../scripts/lib/sandbox');
const { startFakeCloudElements } = require('../fake-api/server');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Headless as root on a closed network: without the background-networking
// flags Chromium keeps trying (and failing) to reach Google's hosts.
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const SCREENSHOTS_DIR = process.env.SCREENSHOTS_DIR && path.resolve(ROOT, process.env.SCREENSHOTS_DIR);
const PARDOT_FIELDS = ['Username', 'Password', 'User Key', 'API Version'];
const AUTOPILOT_FIELDS = ['API Key'];
const COMMON_FIELDS = ['Operation', 'Instance Name', 'Tags'];

let screenshots;
let tarball;
let folder;
let fake;
let n8n;
let browser;
let context;
let page;

before(async () => {
	assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/install-chromium.sh (apt-get install chromium)`);
	const runtime = ensureN8n(process.env.E2E_BROWSER_LINE || NEWEST_LINE);
	screenshots = SCREENSHOTS_DIR || tempFolder('ce-screenshots-');
	tarball = packPackage();
	folder = createUserFolder(tarball);
	fake = await startFakeCloudElements({ port: 0 });
	n8n = new N8n(runtime, folder.dir, { port: await freePort() });
	await n8n.import({
		credentials: [demoCredential({ userSecret: fake.userSecret, organizationSecret: fake.organizationSecret, baseUrl: fake.url })],
		workflows: exampleWorkflows(),
	});
	await n8n.start();
	const owner = await n8n.setupOwner();

	browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
	context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
	page = await context.newPage();
	await page.goto(`${n8n.url}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"]').fill(owner.email);
	await page.locator('input[name="password"]').fill(owner.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
});

after(async () => {
	if (browser) await browser.close();
	if (n8n) await n8n.stop();
	if (fake) await fake.stop();
	if (folder) fs.rmSync(folder.dir, { recursive: true, force: true });
	if (tarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	if (screenshots && !SCREENSHOTS_DIR) fs.rmSync(screenshots, { recursive: true, force: true });
});

/** The labels of the parameters the node details view shows (hidden parameters aren't rendered). */
async function fieldLabels() {
	const labels = await page.locator('[data-test-id="ndv"] label.n8n-input-label').allInnerTexts();
	return labels.map((label) => label.split('\n')[0].trim()).filter(Boolean);
}

function assertFields(labels, shown, hidden) {
	for (const label of shown) assert.ok(labels.includes(label), `"${label}" is not shown; shown: ${labels.join(', ')}`);
	for (const label of hidden) assert.ok(!labels.includes(label), `"${label}" is shown; shown: ${labels.join(', ')}`);
}

async function screenshot(name) {
	fs.mkdirSync(screenshots, { recursive: true });
	// The pointer left over a field shows its hover toolbar.
	await page.mouse.move(0, 0);
	await page.screenshot({ path: path.join(screenshots, name) });
}

test('Pardot shows Username, Password, User Key and API Version, and no API Key', async () => {
	await page.goto(`${n8n.url}/workflow/ceProvisionPardot`);
	await page.locator('[data-test-id="canvas-node"][data-node-name="Provision Pardot"]').dblclick();
	await page.locator('[data-test-id="parameter-input-pardotUserKey"]').waitFor();
	assertFields(await fieldLabels(), [...COMMON_FIELDS, ...PARDOT_FIELDS], AUTOPILOT_FIELDS);
	await screenshot('pardot-fields.png');
});

test('switching to Autopilot shows API Key instead of the Pardot fields', async () => {
	await page.locator('[data-test-id="parameter-input-operation"]').click();
	const option = page.getByRole('option', { name: 'Provision Autopilot Instance' });
	await option.click();
	await option.waitFor({ state: 'hidden' });
	const apiKey = page.locator('[data-test-id="parameter-input-autopilotApiKey"] input');
	await apiKey.fill('acme-autopilot-api-key');
	// Focused, the field shows a tip over the next label: leave it for the screenshot.
	await apiKey.blur();
	await page.getByText('Tip:').waitFor({ state: 'hidden' });
	assertFields(await fieldLabels(), [...COMMON_FIELDS, ...AUTOPILOT_FIELDS], PARDOT_FIELDS);
	await screenshot('autopilot-fields.png');
});

test('the credential dialog asks for User Secret, Organization Secret and Environment', async () => {
	await page.locator('[data-test-id="credential-edit-button"]').click();
	const dialog = page.getByRole('dialog').filter({ hasText: 'Organization Secret' });
	await dialog.waitFor();
	const text = await dialog.innerText();
	for (const label of ['User Secret', 'Organization Secret', 'Environment']) {
		assert.ok(text.includes(label), `the credential dialog lacks "${label}":\n${text}`);
	}
	await screenshot('credentials.png');
});

test('onboard-customers runs from the editor and shows each customer\'s instance id and token', async () => {
	// A new tab of the same session: the first one holds unsaved changes.
	page = await context.newPage();
	fake.reset();
	await page.goto(`${n8n.url}/workflow/ceOnboardCustomers`);
	await page.locator('[data-test-id="execute-workflow-button"]').click();
	await waitFor(() => fake.instances.length === 3, 'three instances on the fake Cloud Elements API');
	await page.locator('[data-test-id="canvas-node"][data-node-name="Instance tokens"]').dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	for (const instance of fake.instances) {
		await ndv.getByText(instance.token).waitFor();
		await ndv.getByText(instance.name, { exact: true }).first().waitFor();
	}
	await screenshot('onboard-customers.png');
});

async function waitFor(condition, what, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}
