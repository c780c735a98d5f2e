#!/usr/bin/env node
'use strict';

/**
 * `npm start`: a throwaway n8n at http://localhost:5678 with this package
 * installed from its tarball, a demo credential, the example workflows and an
 * owner account, and a fake OpenAI-compatible model with its credential for the
 * AI Agent example. Ctrl-C, closing the terminal (SIGHUP), SIGTERM, or the end of
 * the process that started it stop everything it started and remove the
 * sandbox; if this process itself is killed, the watchdog of lib/watchdog.js
 * does.
 *
 * By default the credential points at the fake Cloud Elements API started
 * here. For the real one:
 *   CLOUD_ELEMENTS_ENVIRONMENT=us|eu|staging (or custom, with CLOUD_ELEMENTS_BASE_URL)
 *   CLOUD_ELEMENTS_USER_SECRET=... CLOUD_ELEMENTS_ORGANIZATION_SECRET=... npm start
 * Other settings: N8N_PORT (5678), N8N_LINE (an n8n line of scripts/install-n8n.js).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { DEFAULT_LINE, ensureN8n } = require('./install-n8n');
const { N8n, OWNER, ROOT, createUserFolder, demoCredential, exampleWorkflows, packPackage, servedWorkflowIds } = require('./lib/sandbox');
const { startFakeCloudElements } = require('../test/fake-api/server');
const { fakeModelCredential, startFakeModel } = require('../test/fake-model/server');

async function main() {
	const port = Number(process.env.N8N_PORT || 5678);
	// Another n8n on the port would answer our readiness check in its place.
	if (!(await isFree(port))) fail(`Port ${port} is in use: stop what runs there, or set N8N_PORT`);

	step('Building the package');
	const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	if (build.status !== 0) throw new Error('npm run build failed');
	const target = realCloudElements();
	step(`Getting n8n ${process.env.N8N_LINE || DEFAULT_LINE} (installed into a cache folder on first use: takes minutes once)`);
	const runtime = ensureN8n(process.env.N8N_LINE || DEFAULT_LINE, (line) => console.log(`  ${line}`));

	const tarball = packPackage();
	const folder = createUserFolder(tarball);
	fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	const n8n = new N8n(runtime, folder.dir, { port });
	let fake;
	let model;
	let stopping = false;
	const stop = async (code) => {
		if (stopping) return;
		stopping = true;
		console.log(fake ? '\nStopping n8n and the fake Cloud Elements API...' : '\nStopping n8n...');
		await n8n.stop();
		if (fake) await fake.stop();
		if (model) await model.stop();
		fs.rmSync(folder.dir, { recursive: true, force: true });
		process.exit(code);
	};
	for (const signal of ['SIGHUP', 'SIGINT', 'SIGTERM']) process.on(signal, () => stop(0));
	whenAncestorGone(() => stop(0));
	// Once the terminal is closed, writing to it fails (EIO): that must not cut the clean-up short.
	for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

	try {
		let credential;
		if (target) {
			credential = demoCredential(target);
		} else {
			fake = await startFakeCloudElements({ port: Number(process.env.FAKE_CLOUD_ELEMENTS_PORT || 0), record: false });
			credential = demoCredential({ userSecret: fake.userSecret, organizationSecret: fake.organizationSecret, baseUrl: fake.url });
		}
		model = await startFakeModel({ port: Number(process.env.FAKE_MODEL_PORT || 0) });
		step('Importing the demo credentials and the example workflows');
		const workflows = exampleWorkflows();
		await n8n.import({ credentials: [credential, fakeModelCredential(model)], workflows });
		// The OAuth onboarding form and the callbacks answer only when published. Not against a real
		// account: publishing also starts the re-authentication example's Instance Health Trigger,
		// whose "Stored keys" are made up.
		if (fake) await n8n.publish(servedWorkflowIds(workflows));
		const logFile = path.join(folder.dir, 'n8n.log');
		step(`Starting n8n on ${n8n.url} (log: ${logFile})`);
		await n8n.start({ logFile });
		await n8n.setupOwner();
		n8n.exited.then((code) => {
			if (stopping) return;
			console.error(`\nn8n exited (${code}). The end of its log:\n${n8n.logTail(3000)}`);
			stop(1);
		});

		console.log(`
n8n ${runtime.version} is running with n8n-nodes-cloud-elements installed.

  Open      ${n8n.url}
  Sign in   ${OWNER.email} / ${OWNER.password}
  Cloud Elements: ${fake ? `fake API at ${fake.url}` : `${credential.data.environment === 'custom' ? credential.data.baseUrl : credential.data.environment} (real)`}
  AI model: fake OpenAI-compatible model at ${model.baseUrl} (credential "OpenAI (fake model)")

Then open "Cloud Elements: onboard customers" (or one of the two "provision one ..."
workflows), click "Execute workflow", and double-click "Instance tokens" to see
each customer's instance id and token. The credential "Cloud Elements (demo)"
is already set up. "Cloud Elements: provision from an AI Agent" runs the node as
an AI Agent tool, with a fake model that calls it once.

${fake ? `To onboard a customer by OAuth as they would, open ${n8n.url}/form/onboard-oauth
(the OAuth workflows are published; the fake provider asks Allow or Deny).
` : ''}
Press Ctrl-C to stop; the sandbox is thrown away then.`);
	} catch (error) {
		// Stopping while n8n starts fails the start: that is no error to report.
		if (stopping) return;
		console.error(`\n${error.message}`);
		await stop(1);
	}
}

/** The real Cloud Elements account to use, from the environment; undefined for the fake. */
/** The credential's Environment values by the names CLOUD_ELEMENTS_ENVIRONMENT takes, from the built credential. */
function environments() {
	const { CLOUD_ELEMENTS_ENVIRONMENTS, CUSTOM_ENVIRONMENT } = require('../dist/credentials/apiRoot');
	const named = Object.entries(CLOUD_ELEMENTS_ENVIRONMENTS).map(([name, option]) => [name, option.value]);
	return Object.fromEntries([...named, ['custom', CUSTOM_ENVIRONMENT]]);
}

function realCloudElements() {
	const name = process.env.CLOUD_ELEMENTS_ENVIRONMENT;
	if (!name) return undefined;
	const ENVIRONMENTS = environments();
	const environment = ENVIRONMENTS[name];
	const { CLOUD_ELEMENTS_USER_SECRET: userSecret, CLOUD_ELEMENTS_ORGANIZATION_SECRET: organizationSecret } = process.env;
	const baseUrl = process.env.CLOUD_ELEMENTS_BASE_URL || '';
	if (!environment) fail(`CLOUD_ELEMENTS_ENVIRONMENT must be one of ${Object.keys(ENVIRONMENTS).join(', ')}`);
	if (!userSecret || !organizationSecret) {
		fail('Set CLOUD_ELEMENTS_USER_SECRET and CLOUD_ELEMENTS_ORGANIZATION_SECRET with CLOUD_ELEMENTS_ENVIRONMENT');
	}
	if (environment === 'custom' && !baseUrl) fail('CLOUD_ELEMENTS_ENVIRONMENT=custom needs CLOUD_ELEMENTS_BASE_URL');
	return { userSecret, organizationSecret, environment, baseUrl };
}

/**
 * Calls `gone` once a process that started us has ended without a signal
 * reaching us (npm or a shell killed with SIGKILL, no terminal to hang up):
 * then we, or one of our ancestors, got a new parent. Watched: every link up
 * to our session's leader, since npm runs us through `sh -c` and our parent
 * alone would outlive npm. Linux's /proc tells each ancestor's parent; where
 * it is missing, only ours is watched.
 */
function whenAncestorGone(gone) {
	const links = [];
	for (let pid = process.pid, parent = process.ppid; parent > 1; pid = parent, parent = parentOf(parent)) {
		links.push({ pid, parent });
		if (sessionLeader(parent)) break;
	}
	const timer = setInterval(() => {
		if (links.some(({ pid, parent }) => parentOf(pid) !== parent)) gone();
	}, 1000);
	timer.unref();
}

function parentOf(pid) {
	return pid === process.pid ? process.ppid : procStat(pid)?.ppid;
}

function sessionLeader(pid) {
	const stat = procStat(pid);
	return !stat || stat.session === pid;
}

/** Parent and session from /proc/<pid>/stat (they follow the command name, which may hold spaces); undefined if unknown. */
function procStat(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const [, ppid, , session] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return { ppid: Number(ppid), session: Number(session) };
	} catch {
		return undefined;
	}
}

function isFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

function step(text) {
	console.log(`\n> ${text}`);
}

function fail(message) {
	console.error(message);
	process.exit(1);
}

main();
