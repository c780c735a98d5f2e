'use strict';

/**
 * n8n's HTTP Request node, from the n8n-nodes-base release that matches the
 * pinned n8n-core (2.8.1, the one n8n 2.8.4 ships). It cannot be a dependency
 * of this package (huge; its xlsx comes from an unreachable CDN, and n8n's lint
 * forbids `overrides`), so it is installed once into a cache folder outside
 * the repository and loaded from there.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const NODES_BASE_VERSION = '2.8.1';
const CACHE_DIR = path.join(
	process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
	'n8n-nodes-cloud-elements',
	'bench-nodes-base',
);
const MANIFEST = {
	name: 'bench-nodes-base',
	private: true,
	dependencies: { 'n8n-nodes-base': NODES_BASE_VERSION },
	// The CDN tarball n8n-nodes-base names is unreachable; the registry's 0.18.5 serves.
	overrides: { xlsx: '0.18.5' },
};

function installedVersion() {
	const manifest = path.join(CACHE_DIR, 'node_modules', 'n8n-nodes-base', 'package.json');
	return fs.existsSync(manifest) ? JSON.parse(fs.readFileSync(manifest, 'utf8')).version : undefined;
}

/** Installs n8n-nodes-base into the cache on first use (a few minutes, once). */
function ensureInstalled(log = console.error) {
	if (installedVersion() === NODES_BASE_VERSION) return;
	log(`Installing n8n-nodes-base@${NODES_BASE_VERSION} into ${CACHE_DIR} (first run only)…`);
	fs.mkdirSync(CACHE_DIR, { recursive: true });
	fs.writeFileSync(path.join(CACHE_DIR, 'package.json'), JSON.stringify(MANIFEST, null, 2));
	// No lifecycle scripts: only plain JavaScript of one node is used.
	execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: CACHE_DIR,
		stdio: 'inherit',
	});
}

/** The HTTP Request node type (a VersionedNodeType covering v1 to v4.x). */
function loadHttpRequestNode() {
	ensureInstalled();
	const file = path.join(CACHE_DIR, 'node_modules', 'n8n-nodes-base', 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js');
	const { HttpRequest } = require(file);
	return new HttpRequest();
}

/** The n8n-workflow copy the HTTP Request node resolves, to compare with the engine's. */
function nodesBaseWorkflowVersion() {
	const from = path.join(CACHE_DIR, 'node_modules', 'n8n-nodes-base', 'package.json');
	return require(require.resolve('n8n-workflow/package.json', { paths: [path.dirname(from)] })).version;
}

module.exports = { ensureInstalled, loadHttpRequestNode, nodesBaseWorkflowVersion, NODES_BASE_VERSION, CACHE_DIR };
