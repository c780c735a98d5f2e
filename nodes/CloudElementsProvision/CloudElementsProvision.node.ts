import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { optionsDescription } from './actions/common.descriptions';
import { deleteDescription, deleteOption } from './actions/instance/delete.operation';
import { getDescription, getOption } from './actions/instance/get.operation';
import { listDescription, listOption } from './actions/instance/list.operation';
import { provisionDescription, provisionOptions } from './actions/instance/provision.operation';
import { updateDescription, updateOption } from './actions/instance/update.operation';
import { router } from './actions/router';
import { CREDENTIAL_TYPE } from './transport';

/**
 * n8n 2.41+ always redacts these output fields when executions are viewed
 * (downstream nodes still get them); older n8n versions ignore the key,
 * which their typings do not know yet, hence the spread.
 */
const sensitiveOutput = { sensitiveOutputFields: ['token'] };

const operationOptions = [deleteOption, getOption, listOption, ...provisionOptions, updateOption];

export class CloudElementsProvision implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cloud Elements Provision',
		name: 'cloudElementsProvision',
		icon: { light: 'file:../../icons/cloudElements.svg', dark: 'file:../../icons/cloudElements.dark.svg' },
		group: ['transform'],
		version: 1,
		// The operation in words on the canvas ("Provision Pardot"), not its value ("provisionPardot").
		subtitle: '={{ $parameter["operation"].replace(/([A-Z])/g, " $1").replace(/^./, (first) => first.toUpperCase()) }}',
		description: 'Provision Cloud Elements element instances (Pardot, Autopilot) and manage them',
		defaults: { name: 'Cloud Elements Provision' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		...sensitiveOutput,
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: operationOptions,
				default: 'provisionPardot',
			},
			...provisionDescription,
			...getDescription,
			...listDescription,
			...updateDescription,
			...deleteDescription,
			optionsDescription,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
