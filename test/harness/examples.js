'use strict';

/**
 * The example workflows as shipped, for tests that run one of their nodes
 * through the engine. Kept in JavaScript: it evaluates a Code node, which
 * n8n's strict lint forbids in TypeScript.
 */
const path = require('node:path');
const vm = require('node:vm');

const EXAMPLES = path.resolve(__dirname, '../../examples');

function exampleWorkflow(file) {
	return require(path.join(EXAMPLES, file));
}

/** The `json` of the items a Code node of the example returns (its code needs no input). */
function codeNodeItems(workflow, nodeName) {
	const { jsCode } = workflow.nodes.find((node) => node.name === nodeName).parameters;
	return vm.runInNewContext(`(() => {\n${jsCode}\n})()`).map((item) => item.json);
}

module.exports = { exampleWorkflow, codeNodeItems };
