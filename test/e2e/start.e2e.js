'use strict';

/**
 * `npm start` leaves nothing behind, however it ends: its terminal closed
 * (SIGHUP), Ctrl-C typed in it (SIGINT), SIGTERM to its process group or to
 * npm alone, the shell that ran it killed with SIGKILL, or scripts/start.js
 * itself killed with SIGKILL.
 * Each case runs `npm start` on a free port with a temp directory of its own,
 * waits for n8n to answer, ends it, and asserts that every process of its tree
 * has ended, n8n's and the fake API's ports are free, the sandbox folder is
 * gone and the temp directory is empty. The terminal is util-linux's `script`,
 * which runs a command on a pseudo-terminal: killing it closes the terminal.
 */
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { after, before, test } = require('node:test');

const { DEFAULT_LINE, ensureN8n } = require('../../scripts/install-n8n');
const { ROOT, freePort, signIn, spawnGroup, tempFolder, waitForUrl } = require('../../scripts/lib/sandbox');

const READY = /is running with n8n-nodes-cloud-elements installed/;
const START_TIMEOUT_MS = 300_000;
const CLEAN_UP_TIMEOUT_MS = 60_000;

const started = [];

before(() => {
	const script = spawnSync('script', ['--version'], { encoding: 'utf8' });
	assert.equal(script.status, 0, '`script` is missing: apt-get install bsdutils (util-linux)');
	// Installed beforehand, so that no case waits minutes for it.
	ensureN8n(DEFAULT_LINE);
});

// Whatever a failed case left running.
after(() => {
	for (const proc of started.flatMap((run) => run.tree ?? []).filter(alive)) {
		try {
			process.kill(proc.pid, 'SIGKILL');
		} catch {
			// It ended in the meantime.
		}
	}
});

/**
 * `npm start` on a pseudo-terminal (`script`), or run by `sh -c` without one
 * (`; exit $?` keeps sh from exec-ing npm: sh stays npm's parent). Resolves
 * once n8n is up, with what the case needs to end it and check after it.
 */
async function npmStart({ terminal, env: extraEnv = {} }) {
	const port = await freePort();
	const tmp = tempFolder('ce-start-e2e-');
	const env = { ...process.env, ...extraEnv, N8N_PORT: String(port), TMPDIR: tmp, SHELL: '/bin/sh' };
	const options = { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] };
	const root = terminal
		? spawnGroup('script', ['--quiet', '--flush', '--return', '--command', 'npm start', '/dev/null'], options)
		: spawnGroup('sh', ['-c', 'npm start; exit $?'], options);
	const run = { root, port, tmp, output: '' };
	started.push(run);
	for (const stream of [root.stdout, root.stderr]) stream.on('data', (chunk) => (run.output += chunk));
	const exited = new Promise((resolve) => root.once('exit', (code, signal) => resolve(code ?? signal)));

	const deadline = Date.now() + START_TIMEOUT_MS;
	while (!READY.test(run.output)) {
		const code = await Promise.race([exited, sleep(500)]);
		if (code !== undefined) assert.fail(`npm start ended (${code}) before n8n was up:\n${run.output.slice(-4000)}`);
		if (Date.now() > deadline) assert.fail(`n8n was not up within ${START_TIMEOUT_MS / 1000} s:\n${run.output.slice(-4000)}`);
	}
	run.sandbox = run.output.match(/\(log: (\S+)\/n8n\.log\)/)[1];
	// No fake API when the credential points at a real account.
	const fakeApi = run.output.match(/fake API at http:\/\/127\.0\.0\.1:(\d+)\//);
	run.fakePort = fakeApi ? Number(fakeApi[1]) : undefined;
	run.modelPort = Number(run.output.match(/fake OpenAI-compatible model at http:\/\/127\.0\.0\.1:(\d+)\//)[1]);
	run.tree = processTree(root.pid);
	run.npm = run.tree.find((proc) => /^npm start/.test(proc.command));
	run.start = run.tree.find((proc) => proc.command.includes('scripts/start.js') && !/^sh /.test(proc.command));
	assert.ok(run.npm && run.start, `npm or start.js not found in:\n${listing(run.tree)}`);
	assert.equal(await isFree(port), false, `n8n does not listen on ${port}`);
	assert.ok(fs.existsSync(run.sandbox), `no sandbox folder ${run.sandbox}`);
	return run;
}

/** Waits for everything `npm start` started to end, then asserts it left nothing behind. */
async function assertNothingLeft(run) {
	const deadline = Date.now() + CLEAN_UP_TIMEOUT_MS;
	while (run.tree.some(alive) && Date.now() < deadline) await sleep(250);
	const left = run.tree.filter(alive);
	const output = run.output.slice(-3000);
	assert.deepEqual(left, [], `still running ${CLEAN_UP_TIMEOUT_MS / 1000} s later:\n${listing(left)}\n${output}`);
	assert.ok(await isFree(run.port), `port ${run.port} (n8n) is still in use`);
	if (run.fakePort) assert.ok(await isFree(run.fakePort), `port ${run.fakePort} (fake API) is still in use`);
	assert.ok(await isFree(run.modelPort), `port ${run.modelPort} (fake model) is still in use`);
	assert.ok(!fs.existsSync(run.sandbox), `the sandbox ${run.sandbox} is still there`);
	assert.deepEqual(fs.readdirSync(run.tmp), [], `left in the temp directory ${run.tmp}`);
	fs.rmSync(run.tmp, { recursive: true, force: true });
	const names = run.tree.map(shortName).join(', ');
	const ports = [run.port, run.fakePort, run.modelPort].filter(Boolean).join(', ');
	console.log(`${run.tree.length} processes ended (${names}); ports ${ports} free; sandbox removed`);
}

test('closing the terminal (SIGHUP) stops everything and removes the sandbox', async () => {
	const run = await npmStart({ terminal: true });
	// The terminal window goes away: the pseudo-terminal hangs up.
	process.kill(run.root.pid, 'SIGKILL');
	await assertNothingLeft(run);
});

test('Ctrl-C in the terminal (SIGINT) stops everything and removes the sandbox', async () => {
	const run = await npmStart({ terminal: true });
	// The OAuth onboarding form answers as the banner says (once n8n has registered it): its workflow was published.
	const form = await waitForUrl(`http://127.0.0.1:${run.port}/form/onboard-oauth`);
	assert.match(await form.text(), /Connect your marketing tool/);
	assert.match(run.output, new RegExp(`open http://localhost:${run.port}/form/onboard-oauth`));
	run.root.stdin.write('\x03');
	await assertNothingLeft(run);
});

test('SIGTERM to its process group (what `timeout` or a service manager sends) stops everything', async () => {
	const run = await npmStart({ terminal: false });
	process.kill(-run.root.pid, 'SIGTERM');
	await assertNothingLeft(run);
});

test('against a real account: no fake API, and the OAuth examples stay unpublished (their health trigger would touch real instances)', async () => {
	// Nothing listens there; nothing runs that would call it.
	const realAccount = {
		CLOUD_ELEMENTS_ENVIRONMENT: 'custom',
		CLOUD_ELEMENTS_BASE_URL: 'http://127.0.0.1:9/elements/api-v2',
		CLOUD_ELEMENTS_USER_SECRET: 'start-e2e-user-secret',
		CLOUD_ELEMENTS_ORGANIZATION_SECRET: 'start-e2e-organization-secret',
	};
	const run = await npmStart({ terminal: false, env: realAccount });
	assert.equal(run.fakePort, undefined, 'no fake API against a real account');
	// Asked of n8n itself: a published form may still answer 404 just after the start.
	const url = `http://127.0.0.1:${run.port}`;
	const response = await fetch(`${url}/rest/workflows`, { headers: { cookie: await signIn(url) } });
	const published = (await response.json()).data.filter((workflow) => workflow.active).map((workflow) => workflow.name);
	assert.deepEqual(published, [], 'nothing is published against a real account');
	assert.doesNotMatch(run.output, /form\/onboard-oauth/);
	process.kill(-run.root.pid, 'SIGTERM');
	await assertNothingLeft(run);
});

test('SIGTERM to npm alone stops everything: npm passes it to its sh, whose end start.js notices', async () => {
	const run = await npmStart({ terminal: false });
	process.kill(run.npm.pid, 'SIGTERM');
	await assertNothingLeft(run);
});

test('the shell that ran npm start killed with SIGKILL: everything stops, the sandbox is removed', async () => {
	const run = await npmStart({ terminal: false });
	process.kill(run.root.pid, 'SIGKILL');
	await assertNothingLeft(run);
});

test('scripts/start.js itself killed with SIGKILL: the watchdog stops n8n and removes the sandbox', async () => {
	const run = await npmStart({ terminal: false });
	process.kill(run.start.pid, 'SIGKILL');
	await assertNothingLeft(run);
});

/** `pid` and every process below it: { pid, startTime, command }. */
function processTree(pid) {
	const all = fs
		.readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.map((name) => ({ pid: Number(name), stat: stat(Number(name)) }))
		.filter((proc) => proc.stat);
	const tree = all.filter((proc) => proc.pid === pid);
	for (let level = tree; level.length; ) {
		const parents = level;
		level = all.filter((proc) => parents.some((parent) => parent.pid === proc.stat.ppid));
		tree.push(...level);
	}
	return tree.map((proc) => ({ pid: proc.pid, startTime: proc.stat.startTime, command: commandOf(proc.pid) }));
}

/** Still the same process (a reused PID has another start time), and not a zombie. */
function alive(proc) {
	const now = stat(proc.pid);
	return Boolean(now) && now.startTime === proc.startTime && now.state !== 'Z';
}

/** From /proc/<pid>/stat: the fields after the command name, which may hold spaces and parentheses. */
function stat(pid) {
	try {
		const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
		return { state: fields[0], ppid: Number(fields[1]), startTime: fields[19] };
	} catch {
		return undefined;
	}
}

function commandOf(pid) {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
	} catch {
		return '?';
	}
}

/** `sh`, `npm`, or for node the end of its script's path (`lib/watchdog.js`, `bin/n8n`). */
function shortName(proc) {
	const [bin, ...args] = proc.command.split(' ');
	if (path.basename(bin) !== 'node') return path.basename(bin);
	const script = args.find((arg) => !arg.startsWith('-'));
	return script.split('/').slice(-2).join('/');
}

const listing = (procs) => procs.map((proc) => `  ${proc.pid} ${proc.command}`).join('\n');

function isFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

const sleep = (ms) => new Promise((resolve) => setTimeout(() => resolve(undefined), ms));
