import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defaultElement, elements, type ConfigField, type ElementDefinition, type Login } from '../../elements';
import { collectConfiguration, configFieldProperty } from '../../helpers/configFields';
import { assertNoProblems, readInstanceId, readTags, readText } from '../../helpers/parameters';
import { instanceProblem } from '../../transport/instances';
import { instanceIdField, tagsProperty } from '../common.descriptions';
import type { ExecutionRun, Operation, PreparedCall } from '../operation';
import { inVersion, loginNames, NODE_VERSIONS, versionOf, type NodeVersion } from '../versions';
import { outputInstance, readInstanceOutput } from './output';

const option = {
	name: 'Update Instance',
	value: 'updateInstance',
	description: "Change a Cloud Elements instance's name, tags or configuration, keeping its ID and token",
	action: 'Update an instance',
} satisfies Operation['option'];

const operation = option.value;

/**
 * What Update's Element choice offers, by node version: version 2 each
 * element, with the entries of all its logins, named as Provision names
 * them; version 1 each login, as it offered them.
 */
interface UpdateChoice {
	value: string;
	displayName: string;
	entries: Array<{ field: ConfigField; name: string }>;
}

function updateChoices(version: NodeVersion): UpdateChoice[] {
	if (version === 1) {
		return elements.flatMap((element) =>
			element.logins.map((login) => ({
				value: loginNames(1, element, login).choice,
				displayName: login.v1 ? `${element.displayName} (${login.name})` : element.displayName,
				entries: login.configuration.map((field) => ({ field, name: field.name })),
			})),
		);
	}
	return elements.map((element) => ({
		value: element.key,
		displayName: element.displayName,
		entries: uniqueFields(element.logins).map((field) => ({ field, name: provisionName(element, field) })),
	}));
}

const provisionName = (element: ElementDefinition, field: ConfigField) =>
	loginNames(2, element, element.logins[0]).parameter(field);

/** Every login's fields, each key once. */
const uniqueFields = (logins: Login[]) =>
	logins.flatMap((login) => login.configuration).filter((field, index, all) => all.findIndex((other) => other.key === field.key) === index);

const choicesByVersion = new Map(NODE_VERSIONS.map((version) => [version, updateChoices(version)]));

/** Collection holding the configuration entries of one choice, all optional here. */
const configurationParameter = (choice: UpdateChoice) => `${choice.value}Configuration`;

/** The Element choice of a node version. */
function elementChoice(version: NodeVersion): INodeProperties[] {
	const choices = choicesByVersion.get(version)!;
	const defaultChoice = loginNames(version, defaultElement, defaultElement.logins[0]).choice;
	return inVersion(version, [
		{
			displayName: 'Element',
			name: 'updateElement',
			type: 'options',
			options: choices.map((choice) => ({ name: choice.displayName, value: choice.value })),
			default: defaultChoice,
			description: 'Element of the instance: decides which configuration entries can be changed',
			displayOptions: { show: { operation: [operation] } },
		},
	]);
}

/** The configuration entries of each choice of a node version. */
function configurationFields(version: NodeVersion): INodeProperties[] {
	return inVersion(
		version,
		choicesByVersion.get(version)!.map(
			(choice): INodeProperties => ({
				displayName: `${choice.displayName} Configuration`,
				name: configurationParameter(choice),
				type: 'collection',
				placeholder: 'Add Configuration Entry',
				default: {},
				description: `The ${choice.displayName} configuration entries to change; others keep their values`,
				displayOptions: { show: { operation: [operation], updateElement: [choice.value] } },
				options: choice.entries.map(({ field, name }) => ({ ...configFieldProperty(field, name), required: false })),
			}),
		),
	);
}

const description: INodeProperties[] = [
	instanceIdField([operation]),
	...NODE_VERSIONS.flatMap(elementChoice),
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
			tagsProperty('The new tags; they replace all existing tags, as in Cloud Elements'),
		],
	},
	...NODE_VERSIONS.flatMap(configurationFields),
];

function prepareUpdate(this: IExecuteFunctions, itemIndex: number, { client }: ExecutionRun): PreparedCall {
	const problems: string[] = [];
	const id = readInstanceId(this, itemIndex, problems);
	const choices = choicesByVersion.get(versionOf(this))!;
	const chosen = this.getNodeParameter('updateElement', itemIndex, '');
	const choice = choices.find((candidate) => candidate.value === chosen);
	const entries = choice ? (this.getNodeParameter(configurationParameter(choice), itemIndex, {}) as IDataObject) : {};
	const names = new Map(choice?.entries.map(({ field, name }) => [field.key, name]));
	const configuration = collectConfiguration(
		(choice?.entries ?? []).map(({ field }) => ({ ...field, required: false })),
		(field) => entries[names.get(field.key)!],
		problems,
	);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.name !== undefined) body.name = readText('Instance Name', fields.name, problems);
	if (fields.tags !== undefined) body.tags = readTags(fields.tags, problems);
	if (Object.keys(configuration).length > 0) body.configuration = configuration;
	if (!choice) problems.push(`Element must be one of ${choices.map((each) => each.value).join(', ')}`);
	else if (Object.keys(body).length === 0) problems.push('Set at least one field or configuration entry to change');
	const output = readInstanceOutput(this, itemIndex);
	assertNoProblems(this, problems, itemIndex, 'Invalid update');

	return async () =>
		outputInstance(await client.request(itemIndex, { method: 'PATCH', path: `/instances/${id}`, body, checkBody: instanceProblem }), output);
}

export const updateOperation: Operation = { option, description, outputsInstances: true, prepare: prepareUpdate };
