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

/** The secrets among `secrets` that `text` contains. */
function leakedSecrets(text, secrets) {
	return secrets.filter((secret) => secret && text.includes(secret));
}

/** Prints a matrix's totals under the jest report, so a run shows them. */
function reportTotals(title, totals) {
	const line = Object.entries(totals)
		.map(([name, value]) => `${name} ${value}`)
		.join(', ');
	process.stdout.write(`\n${title}: ${line}\n`);
}

module.exports = { shownByNode, leakedSecrets, reportTotals };
