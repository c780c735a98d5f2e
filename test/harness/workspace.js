'use strict';

/**
 * Files and processes for the tests of the repository's own tooling (scripts/,
 * package.json, the codex file): a throwaway folder per test, the repo's files,
 * and commands run there. Kept in JavaScript: it uses the file system and
 * spawns processes, which n8n's strict lint forbids in TypeScript.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');

function readRepoFile(file) {
	return fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
}

/** `handle.dir` is a new empty folder for each test, removed after it. */
function useTempFolder(prefix) {
	const handle = { dir: '' };
	beforeEach(() => {
		handle.dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	});
	afterEach(() => fs.rmSync(handle.dir, { recursive: true, force: true }));
	return handle;
}

/** Writes { 'relative/path': text } under dir, making folders as needed. */
function writeFiles(dir, files) {
	for (const [file, text] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.writeFileSync(path.join(dir, file), text);
	}
}

/** Copies files of the repository into dir, at the same relative paths. */
function copyRepoFiles(dir, files) {
	writeFiles(dir, Object.fromEntries(files.map((file) => [file, readRepoFile(file)])));
}

function readFile(dir, file) {
	return fs.readFileSync(path.join(dir, file), 'utf8');
}

function listFolder(dir) {
	return fs.readdirSync(dir);
}

function removeFiles(dir, file) {
	fs.rmSync(path.join(dir, file), { recursive: true, force: true });
}

/** Runs a command to its end; `env` is added to this process's environment. */
function run(command, args, { cwd = REPO_ROOT, env = {} } = {}) {
	const result = spawnSync(command, args, {
		cwd,
		env: { ...process.env, ...env },
		encoding: 'utf8',
	});
	return {
		status: result.status,
		stdout: result.stdout,
		output: result.stdout + result.stderr,
	};
}

/** Runs one of the repository's scripts with the Node that runs the tests. */
function runScript(script, args = [], options) {
	return run(process.execPath, [path.join(REPO_ROOT, script), ...args], options);
}

/**
 * Starts a script, sends it SIGTERM as soon as `started()` says it is under way,
 * and resolves to its exit code (null when the signal killed it).
 */
async function interruptScript(script, args, { env = {}, started }) {
	const child = spawn(process.execPath, [path.join(REPO_ROOT, script), ...args], {
		env: { ...process.env, ...env },
		stdio: 'ignore',
	});
	const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
	while (!started() && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 20));
	child.kill('SIGTERM');
	return exited;
}

module.exports = {
	readRepoFile,
	useTempFolder,
	writeFiles,
	copyRepoFiles,
	readFile,
	listFolder,
	removeFiles,
	run,
	runScript,
	interruptScript,
};
