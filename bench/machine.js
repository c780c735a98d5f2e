'use strict';

/** What the figures were measured on: they only compare within one run on one machine. */
const { execFileSync } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');

const { NODES_BASE_VERSION } = require('./nodes-base');

const versionOf = (name) => require(`${name}/package.json`).version;

function gitRevision() {
	try {
		return execFileSync('git', ['describe', '--always', '--dirty'], {
			cwd: path.resolve(__dirname, '..'),
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}).trim();
	} catch {
		return 'unknown';
	}
}

function describeMachine() {
	const cpus = os.cpus();
	return {
		cpu: cpus[0]?.model ?? 'unknown',
		cores: cpus.length,
		memoryGb: Math.round(os.totalmem() / 1024 ** 3),
		os: `${os.type()} ${os.release()} ${os.arch()}`,
		node: process.version,
		n8nCore: versionOf('n8n-core'),
		n8nWorkflow: versionOf('n8n-workflow'),
		n8nNodesBase: NODES_BASE_VERSION,
		axios: versionOf('axios'),
		revision: gitRevision(),
		// Other work on the machine moves wall-clock figures; the 1-minute load average says how busy it was.
		loadAverage: os.loadavg()[0],
		date: new Date().toISOString(),
	};
}

module.exports = { describeMachine };
