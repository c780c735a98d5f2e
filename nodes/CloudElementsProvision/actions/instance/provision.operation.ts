import { randomUUID } from 'crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { commonConfiguration, elements, type ConfigField, type ElementDefinition } from '../../elements';
import { collectConfiguration, configFieldProperty } from '../../helpers/configFields';
import { assertNoProblems, readTags, readText } from '../../helpers/parameters';
import { presentInstance } from '../../helpers/secrets';
import type { CloudElementsClient, CloudElementsRequest } from '../../transport';
import type { PreparedCall } from '../router';
import { deleteInstance, findByName, listInstances } from './instances';

export function provisionOperation(element: ElementDefinition): string {
	return `provision${element.key.charAt(0).toUpperCase()}${element.key.slice(1)}`;
}

/** Node parameter holding one of an element's configuration fields, e.g. `pardotUserKey`. */
export function configParameterName(element: ElementDefinition, field: ConfigField): string {
	return `${element.key}${field.name.charAt(0).toUpperCase()}${field.name.slice(1)}`;
}

/** Tag prefix of the marker that lets a retried create find the instance its lost answer made. */
export const MARKER_PREFIX = 'n8n-provision:';

const showForProvisioning = { show: { operation: elements.map(provisionOperation) } };

export const provisionOptions: INodePropertyOptions[] = elements.map((element) => ({
	name: `Provision ${element.displayName} Instance`,
	value: provisionOperation(element),
	description: `Connect a customer's ${element.displayName} account to Cloud Elements and get the instance token`,
	action: `Provision ${element.displayName} instance`,
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
		displayName: 'If Instance Already Exists',
		name: 'ifExists',
		type: 'options',
		default: 'createAnother',
		description: 'What to do when an instance of this element with this name exists already',
		options: [
			{
				name: 'Create Another',
				value: 'createAnother',
				description: 'Create a new instance anyway, as Cloud Elements does (names need not be unique)',
			},
			{ name: 'Fail', value: 'fail', description: 'Fail the item, naming the existing instance' },
			{
				name: 'Replace',
				value: 'replace',
				description: 'Delete the existing instance, then create a new one (new ID and token)',
			},
			{
				name: 'Return Existing',
				value: 'returnExisting',
				description: 'Output the existing instance and change nothing',
			},
			{
				name: 'Update Configuration',
				value: 'updateConfiguration',
				description: 'Patch the existing instance with the new configuration and tags, keeping its ID',
			},
		],
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
];

type ProvisionAction = 'created' | 'existing' | 'replaced' | 'updated';

/** Reads and checks the item's fields; the returned call provisions the instance. */
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
	const name = readText('Instance Name', this.getNodeParameter('instanceName', itemIndex, ''), problems);
	const tags = readTags(this.getNodeParameter('tags', itemIndex, []), problems);
	const ifExists = this.getNodeParameter('ifExists', itemIndex, 'createAnother') as string;
	const { includeSecrets } = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	assertNoProblems(this, problems, itemIndex, `Missing or invalid ${element.displayName} fields`, element.setupHint);

	const node = this.getNode();
	const output = (instance: IDataObject, provisionAction: ProvisionAction) => ({
		...presentInstance(instance, includeSecrets === true),
		provisionAction,
	});

	return async (client) => {
		const create = () => createInstance(client, itemIndex, { element: { key: element.key }, configuration, tags, name }, secrets);
		if (ifExists === 'createAnother') return output(await create(), 'created');

		// Items of one run with the same name take turns: the second must see what the first created.
		return await inTurn(client, `${element.key}:${name}`, async () => {
			const [existing] = await findByName(client, itemIndex, element.key, name);
			if (!existing) return output(await create(), 'created');
			const path = `/instances/${existing.id}`;
			switch (ifExists) {
				case 'returnExisting':
					return output(existing, 'existing');
				case 'updateConfiguration': {
					// Cloud Elements replaces the tag list on PATCH: no Tags set means keep the existing ones.
					const body = tags.length > 0 ? { configuration, tags } : { configuration };
					return output(await client.request(itemIndex, { method: 'PATCH', path, body, secrets }), 'updated');
				}
				case 'replace':
					await deleteInstance(client, itemIndex, String(existing.id));
					return output(await create(), 'replaced');
				default:
					throw new NodeOperationError(
						node,
						`A ${element.displayName} instance named "${name}" already exists (ID ${existing.id}) [item ${itemIndex}]`,
						{ itemIndex, description: 'Choose another "If Instance Already Exists" option to reuse, update or replace it' },
					);
			}
		});
	};
}

/** The tasks waiting per key, for each execution's client. */
const turns = new WeakMap<CloudElementsClient, Map<string, Promise<unknown>>>();

/** Runs `task` once every task started earlier with the same key and client has settled. */
async function inTurn<T>(client: CloudElementsClient, key: string, task: () => Promise<T>): Promise<T> {
	const queue = turns.get(client) ?? new Map<string, Promise<unknown>>();
	turns.set(client, queue);
	const run = (queue.get(key) ?? Promise.resolve()).then(task);
	queue.set(key, run.catch(() => undefined));
	return await run;
}

/**
 * `POST /instances`, safe to retry: the body carries a one-off marker tag, and
 * when an answer is lost (the instance may exist already) the retry first
 * looks for that marker and adopts what it finds instead of creating again.
 */
async function createInstance(
	client: CloudElementsClient,
	itemIndex: number,
	body: IDataObject & { tags: string[] },
	secrets: string[],
): Promise<IDataObject> {
	const marker = `${MARKER_PREFIX}${randomUUID()}`;
	const request: CloudElementsRequest = {
		method: 'POST',
		path: '/instances',
		body: { ...body, tags: [...body.tags, marker] },
		secrets,
		recover: async () => {
			const [created] = await listInstances(client, itemIndex, { tags: [marker] }, () => true, 1);
			return created;
		},
	};
	return await client.request(itemIndex, request);
}
