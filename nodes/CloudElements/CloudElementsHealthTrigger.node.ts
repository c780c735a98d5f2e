import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchElements } from './methods/listSearch';
import { CREDENTIAL_TYPE } from './transport';
import { healthTriggerProperties } from './triggers/health/description';
import { pollHealth } from './triggers/health/poll';

export class CloudElementsHealthTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cloud Elements Instance Health Trigger',
		name: 'cloudElementsHealthTrigger',
		icon: { light: 'file:../../icons/cloudElements.svg', dark: 'file:../../icons/cloudElements.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"On " + [].concat($parameter["events"]).join(", ")}}',
		description: 'Starts the workflow when an instance needs attention, recovers, is created or is deleted',
		defaults: { name: 'Cloud Elements Instance Health Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: healthTriggerProperties,
	};

	methods = { listSearch: { searchElements } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollHealth.call(this);
	}
}
