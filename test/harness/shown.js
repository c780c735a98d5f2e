'use strict';

const { NODE_NAME } = require('./provision');

/**
 * Everything the node put before the user in a run: the workflow's error and
 * the node's run data (output items with their errors), leaving out the
 * workflow's own node definitions, where a secret typed by hand sits, and
 * the input items, which hold whatever the data source gave.
 */
function shownByNode(result) {
	const shown = { error: result.error, runData: result.run.data.resultData.runData[NODE_NAME] };
	return JSON.stringify(shown, (key, value) => (key === 'node' ? undefined : value));
}

/**
 * The secrets among `secrets` that `text` contains in any form: as typed,
 * JSON-escaped (once, or twice as `text` is itself JSON), URL-encoded or base64.
 */
function leakedSecrets(text, secrets) {
	const escaped = (value) => JSON.stringify(value).slice(1, -1);
	const forms = (secret) => [
		secret,
		escaped(secret),
		escaped(escaped(secret)),
		encodeURIComponent(secret),
		Buffer.from(secret).toString('base64'),
	];
	return secrets.filter((secret) => secret && forms(secret).some((form) => text.includes(form)));
}

module.exports = { shownByNode, leakedSecrets };
