'use strict';

/**
 * What the queue-mode e2e adds to scripts/lib/sandbox.js: a throwaway
 * redis-server from Debian's package on a loopback port, and n8n processes
 * other than `n8n start` (`n8n worker`), stopped by PID like the rest.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { N8n, ROOT, isUp, killGroup, packPackage, spawnGroup, tempFolder } = require('../../scripts/lib/sandbox');

/**
 * packPackage() once dist/ is complete and quiet: `npm run build` (run by
 * something else, e.g. `npm test`) may be deleting or rewriting it right now.
 * Complete: the node and credential files package.json names, and the icons.
 */
async function packBuiltPackage({ timeoutMs = 300_000, log = console.log } = {}) {
	const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const required = [
		...manifest.n8n.nodes,
		...manifest.n8n.credentials,
		...fs.readdirSync(path.join(ROOT, 'icons')).filter((file) => file.endsWith('.svg')).map((file) => `dist/icons/${file}`),
	];
	const deadline = Date.now() + timeoutMs;
	let waited = false;
	for (;;) {
		const before = snapshot(path.join(ROOT, 'dist'));
		if (before && required.every((file) => fs.existsSync(path.join(ROOT, file)))) {
			await sleep(2000);
			if (snapshot(path.join(ROOT, 'dist')) === before) {
				try {
					const tarball = packPackage();
					const listed = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout;
					if (required.every((file) => listed.includes(`package/${file}`))) return tarball;
					fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
				} catch {
					// dist/ went away while npm pack read it: try again.
				}
			}
		}
		if (Date.now() > deadline) throw new Error('dist/ stayed missing or incomplete: run `npm run build`');
		if (!waited) log('dist/ is being rebuilt: waiting for it to settle before packing...');
		waited = true;
		await sleep(1000);
	}
}

/** Every file under `dir` with its size and mtime, as one string; undefined when `dir` is missing. */
function snapshot(dir) {
	try {
		return fs
			.readdirSync(dir, { recursive: true, withFileTypes: true })
			.filter((entry) => entry.isFile())
			.map((entry) => {
				const file = path.join(entry.parentPath ?? entry.path, entry.name);
				const stat = fs.statSync(file);
				return `${file}:${stat.size}:${stat.mtimeMs}`;
			})
			.sort()
			.join('\n');
	} catch {
		return undefined;
	}
}

/** What .ci/run (or a developer) runs once; the test runs it itself when it is root. */
const REDIS_INSTALL = ['apt-get update', 'apt-get install -y --no-install-recommends redis-server'];

/** Makes sure `redis-server` is on PATH, installing Debian's package when it is missing and we are root. */
function ensureRedisServer(log = console.log) {
	if (redisVersion()) return redisVersion();
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
		throw new Error(`redis-server is missing; install it with: ${REDIS_INSTALL.join(' && ')}`);
	}
	log(`redis-server is missing: ${REDIS_INSTALL.join(' && ')}`);
	for (const command of REDIS_INSTALL) {
		const [bin, ...args] = command.split(' ');
		const result = spawnSync(bin, args, {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
		if (result.status !== 0) throw new Error(`${command} failed (exit ${result.status ?? result.signal})`);
	}
	const version = redisVersion();
	if (!version) throw new Error('redis-server is still missing after apt-get install');
	return version;
}

function redisVersion() {
	const result = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
	return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * A redis-server of our own: loopback only, nothing persisted, in its own
 * process group. Resolves once it answers PING.
 */
async function startRedis(port, { timeoutMs = 15_000 } = {}) {
	const dir = tempFolder('ce-redis-');
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
	const child = spawnGroup('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => (log = (log + chunk).slice(-8000)));
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));

	const redis = {
		port,
		pid: child.pid,
		get log() {
			return log;
		},
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				killGroup(child.pid, 'SIGTERM');
				const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 10_000);
				await exited;
				clearTimeout(timer);
			}
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const state = await Promise.race([exited.then((code) => ({ code })), sleep(100)]);
		if (state) {
			fs.rmSync(dir, { recursive: true, force: true });
			throw new Error(`redis-server exited (${state.code}) before it answered:\n${log}`);
		}
		if ((await redisCommand(port, 'PING')) === '+PONG') return redis;
		if (Date.now() > deadline) {
			await redis.stop();
			throw new Error(`redis-server did not answer on port ${port} within ${timeoutMs / 1000} s:\n${log}`);
		}
	}
}

/** One inline command to the Redis on `port`; its first reply line, or undefined. */
function redisCommand(port, command) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let reply = '';
		const done = (value) => {
			socket.destroy();
			resolve(value);
		};
		socket.setTimeout(1000, () => done(undefined));
		socket.on('error', () => done(undefined));
		socket.on('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (chunk) => {
			reply += chunk;
			if (reply.includes('\r\n')) done(reply.split('\r\n')[0]);
		});
	});
}

/**
 * An n8n process of any command (`start`, `worker`), on top of sandbox.js's
 * N8n: same environment, same stop-by-process-group. Keeps its whole output
 * (`output`), which the tests read for "Enqueued execution" / "Worker started
 * execution" lines. `readyPath` is polled on `port` (a worker's is its
 * QUEUE_HEALTH_CHECK_PORT).
 */
class N8nProcess extends N8n {
	constructor(runtime, userFolder, { command = 'start', args = [], readyPath = '/rest/settings', ...options } = {}) {
		super(runtime, userFolder, options);
		this.command = command;
		this.args = args;
		this.readyPath = readyPath;
		this.output = '';
	}

	async start({ timeoutMs = 180_000 } = {}) {
		this.server = spawnGroup(this.runtime.node, [this.runtime.n8nBin, this.command, ...this.args], {
			env: await this.env(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.output = '';
		for (const stream of [this.server.stdout, this.server.stderr]) {
			stream.on('data', (chunk) => (this.output += chunk));
		}
		this.exited = new Promise((resolve) => this.server.once('exit', (code, signal) => resolve(code ?? signal)));
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const state = await Promise.race([this.exited.then((code) => ({ code })), sleep(500)]);
			if (state) {
				throw new Error(`n8n ${this.command} exited (${state.code}) before it was ready:\n${this.output.slice(-4000)}`);
			}
			if (await isUp(`${this.url}${this.readyPath}`)) return;
			if (Date.now() > deadline) {
				throw new Error(`n8n ${this.command} did not answer on ${this.url}${this.readyPath} within ${timeoutMs / 1000} s`);
			}
		}
	}

	/** Whether the process is still running (a crashed worker would lose jobs silently). */
	get running() {
		return Boolean(this.server) && this.server.exitCode === null && this.server.signalCode === null;
	}
}

const sleep = (ms) => new Promise((resolve) => setTimeout(() => resolve(undefined), ms));

module.exports = { packBuiltPackage, REDIS_INSTALL, ensureRedisServer, startRedis, redisCommand, N8nProcess };
