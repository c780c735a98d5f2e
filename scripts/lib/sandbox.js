'use strict';

/**
 * What `npm start` and the e2e tests share: this package packed and unpacked
 * as a community package into a throwaway n8n user folder, the demo
 * credential and example workflows imported, and n8n processes started and
 * stopped by PID. The watchdog (watchdog.js) stops those processes and removes
 * those folders if the process that made them ends without doing so.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { killGroup, unwatchGroup, watchFolder, watchGroup } = require('./watchdog');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;
const NODE_TYPE = `${PACKAGE_NAME}.cloudElementsProvision`;
const CREDENTIAL_ID = 'ceDemoCredential';
const EXAMPLES_DIR = path.join(ROOT, 'examples');
const OWNER = { email: 'demo@example.com', password: 'Demo-Pass-1234', firstName: 'Demo', lastName: 'Owner' };

/** `npm pack`s the built package (run `npm run build` first) into a temp folder; returns the tarball. */
function packPackage() {
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes'))) throw new Error('dist/ is missing: run `npm run build` first');
	const dir = tempFolder('ce-pack-');
	const result = spawnSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
	if (result.status !== 0) {
		fs.rmSync(dir, { recursive: true, force: true });
		throw new Error(`npm pack failed:\n${result.stderr}`);
	}
	return path.join(dir, JSON.parse(result.stdout)[0].filename);
}

/**
 * A new n8n user folder with the tarball unpacked where n8n keeps community
 * packages. Without node_modules of its own, the package resolves
 * `n8n-workflow` from n8n's tree (n8n puts its module paths on NODE_PATH), as
 * after an install from the GUI.
 */
function createUserFolder(tarball) {
	const dir = tempFolder('ce-n8n-');
	const packageDir = path.join(dir, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	fs.mkdirSync(packageDir, { recursive: true });
	const result = spawnSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], { encoding: 'utf8' });
	if (result.status !== 0) {
		fs.rmSync(dir, { recursive: true, force: true });
		throw new Error(`unpacking ${tarball} failed:\n${result.stderr}`);
	}
	return { dir, packageDir };
}

/** A new folder in the system temp directory, which the watchdog removes if we end without doing so. */
function tempFolder(prefix) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	watchFolder(dir);
	return dir;
}

/**
 * Spawns a command as the leader of a new process group (so it can be stopped
 * with everything it spawned), which the watchdog stops if we end first.
 */
function spawnGroup(command, args, options) {
	const child = spawn(command, args, { ...options, detached: true });
	if (child.pid === undefined) return child;
	watchGroup(child.pid);
	child.once('exit', () => unwatchGroup(child.pid));
	return child;
}

/** The demo credential: the fake API through the Custom environment, or a real environment's API root. */
function demoCredential({ userSecret, organizationSecret, environment = 'custom', baseUrl = '' }) {
	return {
		id: CREDENTIAL_ID,
		name: 'Cloud Elements (demo)',
		type: 'cloudElementsApi',
		data: { userSecret, organizationSecret, environment, baseUrl },
	};
}

/** The example workflows (examples/*.json), parsed. */
function exampleWorkflows() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')));
}

// Triggers a person reaches from outside n8n (a form, an OAuth callback): they answer only once published.
const SERVED_TRIGGERS = ['n8n-nodes-base.formTrigger', 'n8n-nodes-base.webhook'];

/** The IDs of the workflows that serve a form or a webhook. */
function servedWorkflowIds(workflows) {
	return workflows.filter((workflow) => workflow.nodes.some((node) => SERVED_TRIGGERS.includes(node.type))).map((workflow) => workflow.id);
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * One n8n install (from scripts/install-n8n.js) working on one user folder.
 * Every process gets its own task-runner broker port: two n8n processes on
 * the default 5679 clash.
 */
class N8n {
	constructor(runtime, userFolder, { port = 5678, env = {} } = {}) {
		this.runtime = runtime;
		this.userFolder = userFolder;
		this.port = port;
		this.extraEnv = env;
		this.url = `http://localhost:${port}`;
		this.server = undefined;
	}

	async env() {
		// n8n makes folders in the system temp directory (n8nDataTableUploads) and leaves them
		// there: it gets a temp directory of its own in the user folder, removed with it.
		const tmp = path.join(this.userFolder, 'tmp');
		fs.mkdirSync(tmp, { recursive: true });
		return {
			...process.env,
			...this.runtime.env,
			TMPDIR: tmp,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'cloud-elements-sandbox-key',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			// --rawOutput prints nothing below the info level.
			N8N_LOG_LEVEL: 'info',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			// Plain http on localhost.
			N8N_SECURE_COOKIE: 'false',
			...this.extraEnv,
		};
	}

	/** Runs an n8n CLI command to its end: { code, stdout, stderr }. */
	async cli(args, { timeoutMs = 180_000 } = {}) {
		const child = spawnGroup(this.runtime.node, [this.runtime.n8nBin, ...args], {
			env: await this.env(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), timeoutMs);
		const code = await new Promise((resolve) => child.on('close', (status, signal) => resolve(status ?? signal)));
		clearTimeout(timer);
		return { code, stdout, stderr };
	}

	/** Runs a CLI command that must succeed. */
	async must(args) {
		const result = await this.cli(args);
		if (result.code !== 0) throw new Error(`n8n ${args.join(' ')} exited ${result.code}:\n${tail(result)}`);
		return result;
	}

	/** Imports credentials and workflows (plain objects) through the CLI. */
	async import({ credentials = [], workflows = [] }) {
		const dir = tempFolder('ce-import-');
		try {
			if (credentials.length) {
				fs.writeFileSync(path.join(dir, 'credentials.json'), JSON.stringify(credentials));
				await this.must(['import:credentials', `--input=${path.join(dir, 'credentials.json')}`]);
			}
			if (workflows.length) {
				fs.writeFileSync(path.join(dir, 'workflows.json'), JSON.stringify(workflows));
				await this.must(['import:workflow', `--input=${path.join(dir, 'workflows.json')}`]);
			}
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	}

	/**
	 * Publishes (activates) workflows. Activation is read at start, so this
	 * runs before `start` (2.x; `update:workflow --active` is deprecated).
	 */
	async publish(workflowIds) {
		for (const id of workflowIds) {
			const result = await this.must(['publish:workflow', `--id=${id}`]);
			// The CLI exits 0 even when it could not publish.
			if (/GOT ERROR|Error updating database/.test(result.stdout + result.stderr)) {
				throw new Error(`n8n publish:workflow --id=${id} failed:\n${tail(result)}`);
			}
		}
	}

	/**
	 * `n8n execute --id … --rawOutput`: { ok, run, output }. stdout carries log
	 * lines before the result and at times after it ("Registered runner" when
	 * the task runner comes up late), so the JSON is from the first line that
	 * is `{` to the next that is `}` (the pretty-printed result indents the rest).
	 */
	async execute(workflowId) {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		const json = result.stdout.match(/^\{$[\s\S]*?^\}$/m);
		let run;
		if (json) {
			try {
				run = JSON.parse(json[0]);
			} catch {
				run = undefined;
			}
		}
		return { ok: result.code === 0 && run !== undefined, code: result.code, run, output: tail(result) };
	}

	/**
	 * `n8n start` in the background; resolves once the REST API answers. Its
	 * output goes to `logFile` if given, which n8n then writes itself: through
	 * a pipe, n8n would spin on EPIPE once we are gone (the watchdog stopping
	 * it after a SIGKILL). Else the end of it is kept. logTail() reads either.
	 */
	async start({ logFile, timeoutMs = 180_000 } = {}) {
		const output = logFile ? fs.openSync(logFile, 'a') : 'pipe';
		this.server = spawnGroup(this.runtime.node, [this.runtime.n8nBin, 'start'], {
			env: await this.env(),
			stdio: ['ignore', output, output],
		});
		this.logFile = logFile;
		this.log = '';
		if (logFile) {
			fs.closeSync(output);
		} else {
			for (const stream of [this.server.stdout, this.server.stderr]) {
				stream.on('data', (chunk) => (this.log = (this.log + chunk).slice(-20_000)));
			}
		}
		const exited = new Promise((resolve) => this.server.once('exit', (code) => resolve(code)));
		/** Resolves with the exit code whenever n8n ends. */
		this.exited = exited;
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const state = await Promise.race([exited.then((code) => ({ code })), sleep(500)]);
			if (state) throw new Error(`n8n start exited (${state.code}) before it was ready:\n${this.logTail(4000)}`);
			if (await isUp(`${this.url}/rest/settings`)) return;
			if (Date.now() > deadline) throw new Error(`n8n did not answer on ${this.url} within ${timeoutMs / 1000} s`);
		}
	}

	/** The last `length` characters of what `n8n start` printed. */
	logTail(length) {
		return (this.logFile ? fs.readFileSync(this.logFile, 'utf8') : this.log).slice(-length);
	}

	/**
	 * Creates the owner account through n8n's REST owner-setup endpoint (what
	 * the setup page posts). Under load, n8n 2.8.4 has answered this POST with
	 * Express's 404 ("Cannot POST") right after /rest/settings first answered,
	 * as queue.e2e.js saw for webhooks on 2.41.1: a 404 is tried again a while.
	 */
	async setupOwner(owner = OWNER, { timeoutMs = 30_000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const response = await fetch(`${this.url}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(owner),
			});
			if (response.ok) return owner;
			const text = await response.text();
			if (response.status !== 404 || Date.now() > deadline) throw new Error(`owner setup failed: ${response.status} ${text}`);
			await sleep(500);
		}
	}

	/** Stops `n8n start` (and its task runners, same process group) by PID. */
	async stop() {
		const server = this.server;
		this.server = undefined;
		if (!server || server.exitCode !== null || server.signalCode !== null) return;
		const exited = new Promise((resolve) => server.once('exit', resolve));
		killGroup(server.pid, 'SIGTERM');
		const timer = setTimeout(() => killGroup(server.pid, 'SIGKILL'), 20_000);
		await exited;
		clearTimeout(timer);
	}
}

async function isUp(url) {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
		return response.ok;
	} catch {
		return false;
	}
}

/** The items a node output in its last run, from a run as `N8n.execute` resolves to it. */
function outputOf(run, nodeName) {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs) throw new Error(`node "${nodeName}" did not run`);
	return runs[runs.length - 1].data.main[0].map((item) => item.json);
}

/**
 * Resolves to the first answer 200 from `url`. Production forms and webhooks
 * of a published workflow answer 404 for a while after n8n itself is up.
 */
async function waitForUrl(url, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const response = await fetch(url).catch(() => undefined);
		if (response && response.ok) return response;
		if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s (last: ${response && response.status})`);
		await sleep(500);
	}
}

/**
 * Signs in as the owner `setupOwner` created; resolves to the session cookie for REST calls.
 * Express's 404 right after start-up (see setupOwner) is tried again a while.
 */
async function signIn(baseUrl, { timeoutMs = 30_000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const response = await fetch(`${baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		});
		if (response.status === 200) return response.headers.getSetCookie().map((value) => value.split(';')[0]).join('; ');
		const text = await response.text();
		if (response.status !== 404 || Date.now() > deadline) throw new Error(`sign-in: HTTP ${response.status} ${text}`);
		await sleep(500);
	}
}

/**
 * Signs in as the owner and resolves to `rest(method, route, body)`: a call to n8n's REST API
 * (`/rest…`) as the editor makes it, resolving to the answer's `data`; any status but 200 throws.
 */
async function restClient(baseUrl) {
	const cookie = await signIn(baseUrl);
	return async (method, route, body) => {
		const response = await fetch(`${baseUrl}/rest${route}`, {
			method,
			headers: { cookie, 'content-type': 'application/json' },
			body: body && JSON.stringify(body),
		});
		const text = await response.text();
		if (response.status !== 200) throw new Error(`${method} ${route}: HTTP ${response.status} ${text}`);
		return JSON.parse(text).data;
	};
}

/** Polls `find` until it resolves to something truthy, and resolves to that; throws after `timeoutMs`. */
async function waitFor(find, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = await find();
		if (found) return found;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s`);
		await sleep(500);
	}
}

const sleep = (ms) => new Promise((resolve) => setTimeout(() => resolve(undefined), ms));
const tail = ({ stdout, stderr }) => `--- stdout (end) ---\n${stdout.slice(-3000)}\n--- stderr (end) ---\n${stderr.slice(-3000)}`;

module.exports = {
	ROOT,
	PACKAGE_NAME,
	NODE_TYPE,
	CREDENTIAL_ID,
	OWNER,
	N8n,
	packPackage,
	createUserFolder,
	demoCredential,
	exampleWorkflows,
	servedWorkflowIds,
	freePort,
	tempFolder,
	spawnGroup,
	killGroup,
	isUp,
	waitForUrl,
	signIn,
	restClient,
	waitFor,
	outputOf,
};
