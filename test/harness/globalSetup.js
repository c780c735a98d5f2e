'use strict';

// Jest's global setup: one n8n user folder for every test file (n8n-core writes its
// settings there); the workers inherit the variable. globalTeardown.js removes it.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async () => {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-ce-test-'));
};
