'use strict';

/**
 * What installing and loading the package costs: cold `require` time of the
 * built node and credentials, and the size of the tarball npm would publish.
 */
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const PACKAGE_ROOT = path.resolve(__dirname, '..');
const manifest = require('../package.json');

const { median } = require('./stats');

/**
 * Times, in a fresh Node process, requiring the files n8n loads from
 * package.json's `n8n` section. n8n-workflow is loaded first and not counted
 * unless `withWorkflow`: n8n has it in memory before any community package.
 */
function requireOnce({ withWorkflow }) {
	const files = [...manifest.n8n.nodes, ...manifest.n8n.credentials].map((file) => path.join(PACKAGE_ROOT, file));
	const script = `
		${withWorkflow ? '' : "require('n8n-workflow');"}
		const start = process.hrtime.bigint();
		for (const file of ${JSON.stringify(files)}) require(file);
		process.stdout.write(String(Number(process.hrtime.bigint() - start) / 1e6));`;
	return Number(execFileSync(process.execPath, ['-e', script], { cwd: PACKAGE_ROOT, encoding: 'utf8' }));
}

/** Median cold require time in ms over `runs` fresh processes. */
function requireTime({ runs = 7, withWorkflow = false } = {}) {
	return median(Array.from({ length: runs }, () => requireOnce({ withWorkflow })));
}

/** The packed tarball as `npm pack` builds it (nothing is written). */
function tarball() {
	const [pack] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PACKAGE_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
	);
	return { kb: pack.size / 1000, unpackedKb: pack.unpackedSize / 1000, files: pack.entryCount };
}

module.exports = { requireTime, tarball };
