import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { commonConfiguration, elements, type ConfigField, type ElementDefinition } from '../../elements';
import { collectConfiguration, configFieldProperty } from '../../helpers/configFields';
import { maskSecrets } from '../../helpers/secrets';
import type { PreparedCall } from '../router';

export function provisionOperation(element: ElementDefinition): string {
	return `provision${element.key.charAt(0).toUpperCase()}${element.key.slice(1)}`;
}

/** Node parameter holding one of an element's configuration fields, e.g. `pardotUserKey`. */
export function configParameterName(element: ElementDefinition, field: ConfigField): string {
	return `${element.key}${field.name.charAt(0).toUpperCase()}${field.name.slice(1)}`;
}

const showForProvisioning = { show: { operation: elements.map(provisionOperation) } };

export const provisionOptions: INodePropertyOptions[] = elements.map((element) => ({
	name: `Provision ${element.displayName} Instance`,
	value: provisionOperation(element),
	description: `Connect a ${element.displayName} account to Cloud Elements and get the instance token`,
	action: `Provision a ${element.displayName} instance`,
}));

export const provisionDescription: INodeProperties[] = [
	{
		displayName: 'Instance Name',
		name: 'instanceName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. acme-pardot',
		description: 'Name of the new instance in Cloud Elements, typically one per customer',
		displayOptions: showForProvisioning,
	},
	...elements.flatMap((element) =>
		element.configuration.map((field) => ({
			...configFieldProperty(field, configParameterName(element, field)),
			displayOptions: { show: { operation: [provisionOperation(element)] } },
		})),
	),
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Tag' },
		default: [],
		placeholder: 'e.g. customer-42',
		description: 'Labels to find the instance by later; an expression may also return a list of tags',
		displayOptions: showForProvisioning,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Instance settings every Cloud Elements element accepts',
		options: commonConfiguration.map((field) => configFieldProperty(field, field.name)),
		displayOptions: showForProvisioning,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Secrets in Output',
				name: 'includeSecrets',
				type: 'boolean',
				default: false,
				description:
					'Whether provider secrets that Cloud Elements echoes in the configuration are output as they are instead of masked',
			},
		],
		displayOptions: showForProvisioning,
	},
];

/** Reads and checks the item's fields; the returned call creates the instance. */
export function prepareProvision(
	this: IExecuteFunctions,
	element: ElementDefinition,
	itemIndex: number,
): PreparedCall {
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const { configuration, problems, secrets } = collectConfiguration(
		[...element.configuration, ...commonConfiguration],
		(field) =>
			element.configuration.includes(field)
				? this.getNodeParameter(configParameterName(element, field), itemIndex, field.default)
				: additionalFields[field.name],
	);
	const name = readInstanceName(this.getNodeParameter('instanceName', itemIndex, ''), problems);
	const tags = readTags(this.getNodeParameter('tags', itemIndex, []), problems);
	const { includeSecrets } = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	if (problems.length > 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Missing or invalid ${element.displayName} fields: ${problems.join('; ')} [item ${itemIndex}]`,
			{ itemIndex, description: element.setupHint },
		);
	}

	return async (client) => {
		const instance = await client.request(itemIndex, {
			method: 'POST',
			path: '/instances',
			body: { element: { key: element.key }, configuration, tags, name },
			secrets,
		});
		return includeSecrets === true ? instance : maskSecrets(instance, element);
	};
}

function readInstanceName(value: unknown, problems: string[]): string {
	if (typeof value === 'number') return String(value);
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	problems.push(
		typeof value === 'string' || value === undefined || value === null
			? 'Instance Name is missing'
			: 'Instance Name must be text',
	);
	return '';
}

/** Entries may be typed one by one or come from an expression as a list; blank ones are skipped. */
function readTags(value: unknown, problems: string[]): string[] {
	const entries = (Array.isArray(value) ? value : [value]).flat();
	const tags: string[] = [];
	entries.forEach((entry, index) => {
		if (entry === undefined || entry === null || entry === '') return;
		if (typeof entry !== 'string' && typeof entry !== 'number') {
			problems.push(`Tags entry ${index + 1} must be text`);
			return;
		}
		const tag = String(entry).trim();
		if (tag) tags.push(tag);
	});
	return tags;
}
