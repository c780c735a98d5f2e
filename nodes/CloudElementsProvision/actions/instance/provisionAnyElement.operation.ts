import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { commonConfiguration, type ConfigField } from '../../elements';
import { collectConfiguration } from '../../helpers/configFields';
import { readJsonObject, readSecretEntries } from '../../helpers/entries';
import { assertNoProblems, readText } from '../../helpers/parameters';
import { isSecretKey } from '../../helpers/secrets';
import type { CloudElementsClient } from '../../transport';
import {
	getElementConfiguration,
	isBooleanDefinition,
	isPasswordDefinition,
	isRequiredOfUser,
	suppliedByUser,
	type ConfigurationDefinition,
} from '../../transport/catalog';
import { elementLocator, secretConfigurationField } from '../common.descriptions';
import type { Operation, PreparedCall } from '../operation';
import type { Attempts } from './attempts';
import { authorizationFields, readAuthorization } from './authorization';
import { provisionCall, readProvisioning } from './provision.operation';

const option = {
	name: 'Provision Instance (Any Element)',
	value: 'provisionAnyElement',
	description: "Connect a customer's account of any element in the catalog, with the fields from the element's own metadata",
	action: 'Provision an instance of any element',
} satisfies Operation['option'];

const show = { show: { operation: [option.value] } };
const fromFields = { show: { ...show.show, configurationSource: ['fields'] } };
const fromJson = { show: { ...show.show, configurationSource: ['json'] } };

const description: INodeProperties[] = [
	elementLocator([option.value]),
	{
		displayName: 'Instance Name',
		name: 'instanceName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. acme-hubspot',
		description: 'Name of the new instance in Cloud Elements, typically one per customer',
		displayOptions: show,
	},
	{
		displayName: 'Configuration Source',
		name: 'configurationSource',
		type: 'options',
		default: 'fields',
		options: [
			{ name: 'Element Fields', value: 'fields', description: "Fields loaded from the element's own metadata" },
			{
				name: 'JSON',
				value: 'json',
				description: "A JSON object of configuration keys and values, for elements whose metadata is incomplete",
			},
		],
		displayOptions: show,
	},
	{
		displayName: 'Configuration',
		name: 'configurationFields',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		typeOptions: {
			loadOptionsDependsOn: ['element.value'],
			resourceMapper: {
				resourceMapperMethod: 'getElementConfigurationFields',
				mode: 'add',
				// The editor heads the fields with this instead of the displayName ("Values to Send" without it).
				valuesLabel: 'Configuration',
				fieldWords: { singular: 'configuration entry', plural: 'configuration entries' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: false,
			},
		},
		displayOptions: fromFields,
	},
	{
		displayName: 'Configuration (JSON)',
		name: 'configurationJson',
		type: 'json',
		default: '{}',
		description: 'Configuration keys and values, e.g. {"api.version": "2.0"}; put secrets under Secret Configuration',
		displayOptions: fromJson,
	},
	secretConfigurationField({
		displayName: 'Secret Configuration',
		description: "The element's secret entries (API secrets, passwords), kept masked",
		operations: [option.value],
		entry: {
			displayName: 'Entry Name or ID',
			name: 'key',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getElementSecretKeys', loadOptionsDependsOn: ['element.value'] },
			default: '',
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		},
	}),
	...authorizationFields({ operation: [option.value] }, ['configuration', 'refreshToken', 'callback'], 'configuration'),
];

/** Each element's metadata, read once per execution (the client is the execution's). */
const metadataByClient = new WeakMap<CloudElementsClient, Map<string, Promise<ConfigurationDefinition[]>>>();

async function elementMetadata(client: CloudElementsClient, itemIndex: number, key: string) {
	const cache = metadataByClient.get(client) ?? new Map<string, Promise<ConfigurationDefinition[]>>();
	metadataByClient.set(client, cache);
	const loading = cache.get(key) ?? getElementConfiguration(client, itemIndex, key);
	cache.set(key, loading);
	return await loading;
}

/** The metadata entry as a field the configuration reader checks: required, a toggle, a secret. */
function asField(definition: ConfigurationDefinition): ConfigField {
	return {
		displayName: definition.name ?? definition.key,
		name: definition.key,
		key: definition.key,
		type: isBooleanDefinition(definition) ? 'boolean' : 'string',
		required: isRequiredOfUser(definition),
		default: '',
		...(isPasswordDefinition(definition) && { typeOptions: { password: true } }),
	};
}

/**
 * Reads the item: the element, its configuration (from the fields the
 * metadata gave, or JSON) and its secrets, checked against the element's own
 * metadata so every missing or wrong entry is named before anything is
 * created. The metadata read is the only request before that check.
 */
async function prepareAnyElement(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CloudElementsClient,
	attempts: Attempts,
): Promise<PreparedCall> {
	const problems: string[] = [];
	const key = readText('Element', this.getNodeParameter('element', itemIndex, '', { extractValue: true }), problems);
	const { name, tags, ...policy } = readProvisioning(this, itemIndex, problems);
	const authorization = readAuthorization(this, itemIndex, problems);
	const entries = {
		...readEntries(this, itemIndex, problems),
		...readSecretEntries(this, itemIndex, problems),
		...authorization.configuration,
	};
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	assertNoProblems(this, problems, itemIndex, 'Invalid fields');

	const metadata = suppliedByUser(await elementMetadata(client, itemIndex, key));
	const known = new Set(metadata.map((definition) => definition.key));
	// Keys the metadata does not list (incomplete metadata, JSON) go as they are; common settings fill gaps.
	const fields = [
		...metadata.map(asField),
		...Object.keys(entries)
			.filter((entry) => !known.has(entry))
			.map((entry): ConfigField => ({ displayName: entry, name: entry, key: entry, type: 'string', default: '' })),
		...commonConfiguration.filter((field) => !known.has(field.key) && !(field.key in entries)),
	];
	const collected = collectConfiguration(fields, (field) =>
		field.key in entries ? entries[field.key] : additionalFields[COMMON_NAMES.get(field.key) ?? field.name],
	);
	const secretKeys = fields.filter((field) => field.typeOptions?.password || isSecretKey(field.key)).map((field) => field.key);
	const { configuration } = collected.values;
	const secrets = [
		...collected.secrets,
		...authorization.secrets,
		...secretKeys.map((secretKey) => configuration[secretKey]).filter(isText),
	];
	assertNoProblems(this, collected.problems, itemIndex, `Missing or invalid ${key} fields`);

	return provisionCall(this, {
		...policy,
		element: { key, displayName: key },
		instance: {
			element: { key },
			configuration,
			...(authorization.providerData && { providerData: authorization.providerData }),
			...authorization.body,
			tags,
			name,
		},
		secrets,
		secretKeys,
		itemIndex,
		attempts,
	});
}

/** The Additional Fields parameter of each common configuration key. */
const COMMON_NAMES = new Map(commonConfiguration.map((field) => [field.key, field.name]));

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** The configuration entries of the item, from the element's fields or from JSON. */
function readEntries(ctx: IExecuteFunctions, itemIndex: number, problems: string[]): IDataObject {
	if (ctx.getNodeParameter('configurationSource', itemIndex, 'fields') === 'fields') {
		return (ctx.getNodeParameter('configurationFields.value', itemIndex, {}) as IDataObject | null) ?? {};
	}
	return readJsonObject(ctx, 'configurationJson', itemIndex, 'Configuration (JSON)', problems);
}

export const provisionAnyElementOperation: Operation = { option, description, outputsInstances: true, prepare: prepareAnyElement };
