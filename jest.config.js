/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
	// Each file starts its own fake API and engine; two workers suit the 2-core machines.
	maxWorkers: 2,
	testTimeout: 30_000,
	// One n8n user folder for the run, removed at its end; the transform cache stays in
	// node_modules, so the run leaves nothing in the temp directory.
	globalSetup: '<rootDir>/test/harness/globalSetup.js',
	globalTeardown: '<rootDir>/test/harness/globalTeardown.js',
	cacheDirectory: '<rootDir>/node_modules/.cache/jest',
};
