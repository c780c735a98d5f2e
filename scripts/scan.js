#!/usr/bin/env node
'use strict';

/**
 * `npm run scan`: the lint passes of @n8n/scan-community-package, the check n8n
 * runs before listing a community package as verified, on this checkout.
 *
 *   node scripts/scan.js [packageDir]     # default: this repository (build it first)
 *
 * The scanner itself starts from the npm registry: it checks the version's
 * provenance, fetches the source commit the attestation names and `npm pack`s
 * the published version. Then it lints the source (package.json, nodes/**,
 * credentials/**) with its full rule set and the tarball's `.js` files and
 * package.json. This script runs those two passes with the scanner's own
 * `analyzePackage` and patterns on the source here and on what `npm pack` makes
 * of it now; only provenance cannot be checked before a publish.
 *
 * Everything it writes (the tarball, the unpacked package, the scanner's own
 * temp folder) goes into one temp folder, removed at the end, on failure, on
 * Ctrl-C and (by the watchdog) when killed.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { tempFolder } = require('./lib/sandbox');

// The scanner's tarball pass; its source pass uses the exported SOURCE_FILE_PATTERNS.
const PACKED_FILE_PATTERNS = ['**/*.js', 'package.json'];

function scannerDir() {
	return path.dirname(require.resolve('@n8n/scan-community-package/package.json'));
}

/**
 * How many files a pass lints, found as the scanner finds them (its glob and
 * its ignore list, copied here): the report says what was covered.
 */
function countFiles(dir, patterns) {
	const glob = require(require.resolve('fast-glob', { paths: [scannerDir()] }));
	return glob.sync(patterns, {
		cwd: dir,
		ignore: ['node_modules/**', '**/package-lock.json'],
	}).length;
}

function run(command, args, cwd) {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
	}
	return result.stdout;
}

/** `npm pack` into workDir and unpack it as the scanner does (tar --strip-components=1). */
function packAndUnpack(packageDir, workDir) {
	const [{ filename }] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', workDir], packageDir));
	const unpacked = path.join(workDir, 'package');
	fs.mkdirSync(unpacked);
	run('tar', ['-xzf', path.join(workDir, filename), '-C', unpacked, '--strip-components=1'], workDir);
	// Without a build the tarball holds no code, and a lint pass over nothing would pass.
	if (countFiles(unpacked, ['**/*.js']) === 0) throw new Error('The packed package holds no .js files: run `npm run build` first');
	return unpacked;
}

async function scan(packageDir, workDir) {
	// The scanner makes its temp folder when it is loaded, in os.tmpdir(): make that ours.
	process.env.TMPDIR = workDir;
	const scanner = await import(path.join(scannerDir(), 'scanner', 'scanner.mjs'));

	const passes = [
		{ name: 'source', dir: packageDir, patterns: scanner.SOURCE_FILE_PATTERNS },
		{
			name: 'packed package',
			dir: packAndUnpack(packageDir, workDir),
			patterns: PACKED_FILE_PATTERNS,
		},
	];
	let passed = true;
	for (const pass of passes) {
		const result = await scanner.analyzePackage(pass.dir, pass.patterns);
		const files = countFiles(pass.dir, pass.patterns);
		const verdict = result.passed ? '✅' : '❌';
		console.log(
			`${verdict} ${pass.name} (${pass.patterns.join(', ')}): ${files} files${result.passed ? '' : `, ${result.message}`}`,
		);
		if (result.details) console.log(result.details);
		passed &&= result.passed;
	}
	return passed;
}

async function main() {
	const packageDir = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));
	// Handled before the folder exists: a signal while the watchdog starts must not end us unhandled.
	let workDir;
	const removeWorkDir = () => workDir && fs.rmSync(workDir, { recursive: true, force: true });
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(signal, () => {
			removeWorkDir();
			process.exit(1);
		});
	}
	// Watched: the watchdog removes it also when this process is killed outright.
	workDir = tempFolder('ce-scan-');
	try {
		const version = require(path.join(scannerDir(), 'package.json')).version;
		console.log(
			`@n8n/scan-community-package ${version}: lint passes on ${packageDir} (provenance is checked only on a published version)`,
		);
		process.exitCode = (await scan(packageDir, workDir)) ? 0 : 1;
	} catch (error) {
		console.error(error.message);
		process.exitCode = 1;
	} finally {
		removeWorkDir();
	}
}

main();
