import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { definitionId, elements, findElement, type ConfigField, type ElementDefinition } from '../../elements';
import { collectConfiguration, configFieldProperty } from '../../helpers/configFields';
import { assertNoProblems, readInstanceId, readTags, readText } from '../../helpers/parameters';
import { outputInstance, readInstanceOutput } from './output';
import type { Operation, PreparedCall } from '../operation';
import { elementOptions, instanceIdField } from '../common.descriptions';
import { instanceProblem } from '../../transport/instances';

const option = {
	name: 'Update Instance',
	value: 'updateInstance',
	description: "Change a Cloud Elements instance's name, tags or configuration, keeping its ID and token",
	action: 'Update an instance',
} satisfies Operation['option'];

const operation = option.value;

/** Collection holding the configuration entries of one element definition, all optional here. */
const configurationParameter = (element: ElementDefinition) => `${definitionId(element)}Configuration`;

/** What PATCH can change: the `configuration` entries, not what goes beside them (`providerData`). */
const changeable = (element: ElementDefinition): ConfigField[] =>
	element.configuration.filter((field) => (field.in ?? 'configuration') === 'configuration');

const description: INodeProperties[] = [
	instanceIdField([operation]),
	{
		displayName: 'Element',
		name: 'updateElement',
		type: 'options',
		options: elementOptions,
		default: 'pardot',
		description: 'Element of the instance: decides which configuration entries can be changed',
		displayOptions: { show: { operation: [operation] } },
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { operation: [operation] } },
		options: [
			{
				displayName: 'Instance Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'New name of the instance',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Tag' },
				default: [],
				description: 'The new tags; they replace all existing tags, as in Cloud Elements',
			},
		],
	},
	...elements.map(
		(element): INodeProperties => ({
			displayName: `${element.displayName} Configuration`,
			name: configurationParameter(element),
			type: 'collection',
			placeholder: 'Add Configuration Entry',
			default: {},
			description: `The ${element.displayName} configuration entries to change; others keep their values`,
			displayOptions: { show: { operation: [operation], updateElement: [definitionId(element)] } },
			options: changeable(element).map((field) => ({
				...configFieldProperty(field, field.name),
				required: false,
			})),
		}),
	),
];

function prepareUpdate(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	const problems: string[] = [];
	const id = readInstanceId(this.getNodeParameter('instanceId', itemIndex, ''), problems);
	const element = findElement(this.getNodeParameter('updateElement', itemIndex, ''));
	const entries = element
		? (this.getNodeParameter(configurationParameter(element), itemIndex, {}) as IDataObject)
		: {};
	const collected = collectConfiguration(
		(element ? changeable(element) : []).map((field) => ({ ...field, required: false })),
		(field) => entries[field.name],
	);
	const {
		values: { configuration },
		secrets,
	} = collected;
	problems.push(...collected.problems);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.name !== undefined) body.name = readText('Instance Name', fields.name, problems);
	if (fields.tags !== undefined) body.tags = readTags(fields.tags, problems);
	if (Object.keys(configuration).length > 0) body.configuration = configuration;
	if (!element) problems.push(`Element must be one of ${elements.map(definitionId).join(', ')}`);
	else if (Object.keys(body).length === 0) problems.push('Set at least one field or configuration entry to change');
	const output = readInstanceOutput(this, itemIndex);
	assertNoProblems(this, problems, itemIndex, 'Invalid update');

	return async (client) =>
		outputInstance(
			await client.request(itemIndex, { method: 'PATCH', path: `/instances/${id}`, body, secrets, checkBody: instanceProblem }),
			output,
		);
}

export const updateOperation: Operation = { option, description, outputsInstances: true, prepare: prepareUpdate };
