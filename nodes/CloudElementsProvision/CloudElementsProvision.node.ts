import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { provisionDescription, provisionOptions } from './actions/instance/provision.operation';
import { router } from './actions/router';
import { CREDENTIAL_TYPE } from './transport';

export class CloudElementsProvision implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cloud Elements Provision',
		name: 'cloudElementsProvision',
		icon: { light: 'file:../../icons/cloudElements.svg', dark: 'file:../../icons/cloudElements.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description: 'Provision Cloud Elements element instances (Pardot, Autopilot) and get their tokens',
		defaults: { name: 'Cloud Elements Provision' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: provisionOptions,
				default: 'provisionPardot',
			},
			...provisionDescription,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
