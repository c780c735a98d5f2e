#!/usr/bin/env node
'use strict';

// Runs the fake Cloud Elements API on its own, for demos and manual tries:
//   npm run fake-api -- --port 8080 [--latency 50]
const { parseArgs } = require('node:util');

const { startFakeCloudElements } = require('./server');

const { values } = parseArgs({
	options: {
		port: { type: 'string', default: '8080' },
		latency: { type: 'string', default: '0' },
		'user-secret': { type: 'string', default: 'demo-user-secret' },
		'organization-secret': { type: 'string', default: 'demo-organization-secret' },
	},
});

startFakeCloudElements({
	port: Number(values.port),
	latencyMs: Number(values.latency),
	userSecret: values['user-secret'],
	organizationSecret: values['organization-secret'],
	record: false,
}).then((fake) => {
	console.log(`Fake Cloud Elements API listening at ${fake.url}`);
	console.log(`Credentials: User Secret "${fake.userSecret}", Organization Secret "${fake.organizationSecret}"`);
	const stop = () => fake.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
});
