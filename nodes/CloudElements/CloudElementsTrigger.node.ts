import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from './transport';
import { receiveDelivery } from './triggers/events/delivery';
import { eventsTriggerProperties } from './triggers/events/description';
import { eventsWebhookMethods } from './triggers/events/subscription';

export class CloudElementsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cloud Elements Trigger',
		name: 'cloudElementsTrigger',
		icon: { light: 'file:../../icons/cloudElements.svg', dark: 'file:../../icons/cloudElements.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Instances " + ($parameter["instanceSelection"] === "tags" ? "tagged " + [].concat($parameter["tags"]).join(", ") : $parameter["instanceIds"])}}',
		description: 'Starts the workflow when Cloud Elements sends an instance\'s events (a contact created in HubSpot, a lead updated in Pardot)',
		defaults: { name: 'Cloud Elements Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: eventsTriggerProperties,
	};

	webhookMethods = { default: eventsWebhookMethods };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
