'use strict';

// One fake Cloud Elements API per test file, cleared between tests.
const { startFakeCloudElements } = require('../fake-api/server');
const { shutdownEngine } = require('./engine');

/** Starts the fake before the file's tests and stops it (and the engine's timers) after. */
function useFakeCloudElements(options) {
	const handle = { fake: undefined };
	beforeAll(async () => {
		handle.fake = await startFakeCloudElements(options);
	});
	beforeEach(() => handle.fake.reset());
	afterAll(async () => {
		await handle.fake.stop();
		shutdownEngine();
	});
	return handle;
}

module.exports = { useFakeCloudElements };
