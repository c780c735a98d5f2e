'use strict';

// Removes the n8n user folder globalSetup.js made, leaving the temp directory as it was.
const fs = require('node:fs');

module.exports = async () => {
	fs.rmSync(process.env.N8N_USER_FOLDER, { recursive: true, force: true });
};
