import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { optionsDescription } from './actions/common.descriptions';
import { operationFields, operationSubtitle, resourceAndOperation } from './actions/operations';
import { runItems } from './actions/runItems';
import { CURRENT_VERSION, NODE_VERSIONS } from './actions/versions';
import { searchElementApiPaths, searchElements } from './methods/listSearch';
import { getElementLogins, getElementSecretKeys } from './methods/loadOptions';
import { getElementConfigurationFields } from './methods/resourceMapping';
import { CREDENTIAL_TYPE } from './transport';

/**
 * n8n 2.41+ always redacts these output fields when executions are viewed
 * (downstream nodes still get them); older n8n versions ignore the key,
 * which their typings do not know yet, hence the spread.
 */
const sensitiveOutput = { sensitiveOutputFields: ['token'] };

export class CloudElementsProvision implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cloud Elements Provision',
		name: 'cloudElementsProvision',
		icon: { light: 'file:../../icons/cloudElements.svg', dark: 'file:../../icons/cloudElements.dark.svg' },
		group: ['transform'],
		version: NODE_VERSIONS,
		defaultVersion: CURRENT_VERSION,
		subtitle: operationSubtitle,
		description:
			"Provision Cloud Elements and SAP Open Connectors element instances, manage and check them, and call an instance's element API",
		defaults: { name: 'Cloud Elements Provision' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		...sensitiveOutput,
		properties: [
			...resourceAndOperation,
			...operationFields,
			optionsDescription,
		],
	};

	methods = {
		listSearch: { searchElementApiPaths, searchElements },
		loadOptions: { getElementLogins, getElementSecretKeys },
		resourceMapping: { getElementConfigurationFields },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runItems.call(this);
	}
}
