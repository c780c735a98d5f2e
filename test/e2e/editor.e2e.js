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
	CREDENTIAL_ID,
	N8n,
	NODE_TYPE,
	ROOT,
	createUserFolder,
	demoCredential,
	exampleWorkflows,
	freePort,
	packPackage,
	tempFolder,
} = require('../../scripts/lib/sandbox');
const { startFakeCloudElements } = require('../fake-api/server');
const { CHROMIUM, CHROMIUM_ARGS } = require('./chromium');

const SCREENSHOTS_DIR = process.env.SCREENSHOTS_DIR && path.resolve(ROOT, process.env.SCREENSHOTS_DIR);
const PARDOT_FIELDS = ['Username', 'Password', 'User Key', 'API Version'];
const AUTOPILOT_FIELDS = ['API Key'];
// iContact's required entries, as the fake's catalog describes them (test/fake-api/elements.js); its App ID is
// a secret (the node's iContact definition marks it so), entered in the masked Secret Configuration list.
const ICONTACT_FIELDS = ['API Version (api.version)', 'Username (api.username)'];
const COMMON_FIELDS = ['Operation', 'Instance Name', 'Tags', 'Idempotency Key'];

/**
 * A trigger and a Cloud Elements Provision node as the nodes panel adds it:
 * default name and parameters (Provision Pardot Instance), the demo credential.
 */
function newNodeWorkflow(id = 'ceNewNode') {
	const trigger = "When clicking 'Execute workflow'";
	return {
		id,
		name: 'Cloud Elements: a new node',
		nodes: [
			{ id: 'a0e1f2d3-0001-4c5b-9a8e-000000000001', name: trigger, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'a0e1f2d3-0001-4c5b-9a8e-000000000002',
				name: 'Cloud Elements Provision',
				type: NODE_TYPE,
				typeVersion: 2,
				position: [240, 0],
				parameters: {},
				credentials: { cloudElementsApi: { id: CREDENTIAL_ID, name: 'Cloud Elements (demo)' } },
			},
		],
		connections: { [trigger]: { main: [[{ node: 'Cloud Elements Provision', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

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
		workflows: [...exampleWorkflows(), newNodeWorkflow(), newNodeWorkflow('ceLoginNode')],
	});
	await n8n.start();
	const owner = await n8n.setupOwner();

	browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
	context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
	page = await context.newPage();
	await page.goto(`${n8n.url}/signin`);
	// A cold n8n can take over 30 s to render its first page (seen on a fresh CI machine); if it
	// never does, the error says what the page showed instead.
	const login = page.locator('input[name="emailOrLdapLoginId"]');
	await login.waitFor({ timeout: 120_000 }).catch(async (error) => {
		const shown = await page.locator('body').innerText().catch(() => '(no body)');
		throw new Error(`${error.message}\nThe page at ${page.url()} shows: ${shown.slice(0, 500)}`);
	});
	await login.fill(owner.email);
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

/** The labels of the parameters the node details view (or a part of it) shows; hidden parameters aren't rendered. */
async function fieldLabels(scope = page.locator('[data-test-id="ndv"]')) {
	return firstLines(await scope.locator('label.n8n-input-label').allInnerTexts());
}

/** Each text without what follows its first line (a label's Fixed/Expression switch, an option's description). */
const firstLines = (texts) => texts.map((text) => text.split('\n')[0].trim()).filter(Boolean);

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

async function chooseOperation(name) {
	await page.locator('[data-test-id="parameter-input-operation"]').click();
	const option = page.getByRole('option', { name });
	await option.click();
	await option.waitFor({ state: 'hidden' });
}

test('switching to Autopilot shows API Key instead of the Pardot fields', async () => {
	await chooseOperation('Provision Autopilot Instance');
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
	// The node's output, not its input panel or the expression hints, which
	// also show the first customer's token (once the editor has resolved them).
	const output = page.locator('[data-test-id="ndv"] [data-test-id="output-panel"]');
	for (const instance of fake.instances) {
		await output.getByText(instance.token, { exact: true }).waitFor();
		await output.getByText(instance.name, { exact: true }).first().waitFor();
	}
	await screenshot('onboard-customers.png');
});

test("Call Element API: the Path picker lists the instance's paths, read with the token of the run before", async () => {
	// The tab where onboard-customers ran: the editor resolves {{ $json.token }} from that run's data.
	await page.keyboard.press('Escape');
	await page.locator('[data-test-id="canvas-node"][data-node-name="First contacts"]').dblclick();
	await page.locator('[data-test-id="resource-locator-path"]').waitFor();
	assertFields(await fieldLabels(), ['Resource', 'Operation', 'Instance Token', 'Method', 'Path', 'Limit', 'Where (CEQL)'], ['Instance ID', 'JSON Body']);
	await page.locator('[data-test-id="resource-locator-path"] [data-test-id="rlc-input"]').click();
	const found = page.locator('[data-test-id="rlc-item"]');
	await waitFor(async () => (await found.allInnerTexts()).length === 5, "the picker to list the instance's five paths");
	await screenshot('element-api-path-picker.png');
	const docsReads = fake.requests.filter((request) => request.path === '/instances/docs');
	assert.ok(docsReads.length > 0 && docsReads.every((request) => request.headers.authorization === `User ${fake.userSecret}, Element ${fake.instances[0].token}`));

	// n8n keeps the chosen path (contacts) on top of what the search found.
	await page.locator('[data-test-id="rlc-search"]').fill('accounts');
	const accounts = ['/hubs/marketing/accounts (GET, POST): Search for accounts', '/hubs/marketing/accounts/{id} (GET, PATCH, DELETE): Get account by ID'];
	await waitFor(async () => firstLines(await found.allInnerTexts()).slice(1).join() === accounts.join(), 'the search to keep the two accounts paths');
});

test('Any Element: the catalog search finds iContact, whose fields and secret load from its metadata', async () => {
	// A new tab, as for onboard-customers: the first one holds edits.
	page = await context.newPage();
	const failedLookups = [];
	page.on('response', (response) => {
		if (response.url().includes('/rest/dynamic-node-parameters/') && !response.ok()) {
			failedLookups.push(`${response.status()} ${new URL(response.url()).pathname}`);
		}
	});
	await page.goto(`${n8n.url}/workflow/ceNewNode`);
	await page.locator('[data-test-id="canvas-node"][data-node-name="Cloud Elements Provision"]').dblclick();
	await chooseOperation('Provision Instance (Any Element)');
	// The editor loads the fields before any element is chosen.
	// Visible ones only: a hint may be rendered more than once (a panel, a tooltip), which strict mode would refuse.
	await page.getByText('Choose an element to load its configuration fields').filter({ visible: true }).first().waitFor();

	await page.locator('[data-test-id="resource-locator-element"] [data-test-id="rlc-input"]').click();
	await page.locator('[data-test-id="rlc-search"]').fill('iContact');
	const found = page.locator('[data-test-id="rlc-item"]');
	await waitFor(async () => (await found.allInnerTexts()).join() === 'iContact (icontact)', 'the search to find only iContact');
	await found.click();

	await page.locator('[data-test-id="parameter-input-api.version"]').waitFor();
	const mapper = page.locator('[data-test-id="resource-mapper-container"]');
	assertFields(await fieldLabels(mapper), ['Configuration', ...ICONTACT_FIELDS], [
		'API Password (api.password)',
		'Event poller refresh interval (event.poller.refresh_interval)',
	]);
	for (const key of ['api.version', 'api.username']) await assertRequired(mapper, key);
	assert.deepEqual(await secretOptions(), ['API Password (required)', 'App ID (required)']);

	await page.getByRole('option', { name: 'API Password (required)' }).click();
	// Left where the option was, the pointer hovers the row: move it off before the row's toolbar shows.
	await page.mouse.move(0, 0);
	await fillIContact();
	assert.deepEqual(failedLookups, []);
	await screenshot('any-element-fields.png');
});

test('Any Element: an element with several logins offers them, and shows only the chosen login\'s entries', async () => {
	// A workflow of its own: the iContact test's edits stay in the other.
	page = await context.newPage();
	await page.goto(`${n8n.url}/workflow/ceLoginNode`);
	await page.locator('[data-test-id="canvas-node"][data-node-name="Cloud Elements Provision"]').dblclick();
	await chooseOperation('Provision Instance (Any Element)');
	await page.locator('[data-test-id="resource-locator-element"] [data-test-id="rlc-input"]').click();
	await page.locator('[data-test-id="rlc-search"]').fill('HubSpot');
	const found = page.locator('[data-test-id="rlc-item"]').filter({ hasText: '(hubspot)' });
	await found.first().click();
	// The default login (oauth2) asks for its app's client ID.
	await page.locator('[data-test-id="parameter-input-oauth.api.key"]').waitFor();

	await page.locator('[data-test-id="parameter-input-loginType"]').click();
	await page.getByRole('option').first().waitFor();
	assert.deepEqual(firstLines(await page.getByRole('option').allInnerTexts()), ['Default (oauth2)', 'oauth2', 'apiKey']);
	await page.getByRole('option', { name: 'apiKey', exact: true }).click();
	// The choice must have landed before the fields reload (a busy machine once lost the click to a re-render).
	const loginInput = page.locator('[data-test-id="parameter-input-loginType"] input');
	await waitFor(async () => (await loginInput.inputValue()) === 'apiKey', 'the Authentication choice to read apiKey');

	// The API key login's one entry is a secret: no mapped field is left, and the secret list offers it alone.
	await page.getByText('This element asks for no configuration besides its secrets').filter({ visible: true }).first().waitFor({ timeout: 60_000 });
	assert.equal(await page.locator('[data-test-id="parameter-input-oauth.api.key"]').count(), 0);
	assert.deepEqual(await secretOptions(), ['API Key (required)']);
	await page.getByRole('option', { name: 'API Key (required)' }).click();
	await page.mouse.move(0, 0);
	for (const [name, value] of Object.entries({ instanceName: 'acme-hubspot', value: 'acme-hubspot-api-key' })) {
		const input = page.locator(`[data-test-id="parameter-input-${name}"] input`);
		await input.fill(value);
		await input.blur();
	}
	await scrollToElementField();
	await screenshot('any-element-login.png');
});

/** n8n marks an empty required field with an issue whose tooltip says so. */
test('the Cloud Elements Trigger shows which instances, event and object types, and the output', async () => {
	page = await context.newPage();
	await page.goto(`${n8n.url}/workflow/cePassOnEvents`);
	await page.locator('[data-test-id="canvas-node"][data-node-name="Customer events"]').dblclick();
	await page.locator('[data-test-id="parameter-input-objectTypes"]').waitFor();
	assertFields(await fieldLabels(), ['Instances', 'Tags', 'Event Types', 'Object Types', 'Output'], ['Instance IDs']);
	await screenshot('events-trigger.png');
});

test('the Instance Health Trigger shows its poll times, the changes to trigger on and its filters', async () => {
	page = await context.newPage();
	await page.goto(`${n8n.url}/workflow/ceReauthOnHealth`);
	await page.locator('[data-test-id="canvas-node"][data-node-name="Instance needs attention"]').dblclick();
	await page.locator('[data-test-id="parameter-input-events"]').waitFor();
	assertFields(await fieldLabels(), ['Poll Times', 'Trigger On', 'Filters'], ['Instance IDs']);
	await screenshot('health-trigger.png');
});

async function assertRequired(mapper, key) {
	const field = mapper.locator('.parameter-item').filter({ has: page.locator(`[data-test-id="parameter-input-${key}"]`) });
	await field.locator('[data-test-id="parameter-issues"] span').first().hover();
	await page.getByText(`Configuration entry "${key}" is required`).filter({ visible: true }).first().waitFor();
}

/** Adds a Secret Configuration row and opens its entry list: the entries offered, without their descriptions. */
async function secretOptions() {
	await page.getByRole('button', { name: 'Add Secret' }).click();
	// The row's select is disabled while its options load; the click waits for it.
	await page.locator('[data-test-id="parameter-input-key"] input').last().click();
	await page.getByRole('option').first().waitFor();
	return firstLines(await page.getByRole('option').allInnerTexts());
}

/** What a person would type for an iContact customer, then a view from Element down, for the screenshot. */
async function fillIContact() {
	const values = {
		instanceName: 'acme-icontact',
		'api.version': '2.0',
		'api.username': 'ops@acme.example',
		value: 'acme-icontact-password',
	};
	for (const [name, value] of Object.entries(values)) {
		const input = page.locator(`[data-test-id="parameter-input-${name}"] input`);
		await input.fill(value);
		await input.blur();
	}
	await scrollToElementField();
}

/** Scrolls the node's fields from Element down into view, for a screenshot. */
async function scrollToElementField() {
	await page
		.locator('[data-test-id="parameter-item"]')
		.filter({ has: page.locator('[data-test-id="parameter-input-element"]') })
		.evaluate((element) => element.scrollIntoView({ block: 'start' }));
}

/** Polls `condition` (sync or async) until it holds. */
async function waitFor(condition, what, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}
