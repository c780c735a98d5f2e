import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { definitionFromMetadata, findLogin, LOGIN_KEY, loginTitle, type ConfigField } from '../../elements';
import { readJsonObject, readSecretEntries } from '../../helpers/entries';
import { assertNoProblems, problemsError, readText } from '../../helpers/parameters';
import { secretKeysOf } from '../../helpers/secrets';
import { getElementConfiguration } from '../../transport/catalog';
import { elementLocator, secretConfigurationField } from '../common.descriptions';
import type { ExecutionRun, Operation, PreparedCall } from '../operation';
import { authorizationFields, readAuthorization } from './authorization';
import { instanceBody, instanceNameField, provisionCall, readLoginConfiguration, readProvisioning } from './provisioning';

const option = {
	name: 'Provision Instance (Any Element)',
	value: 'provisionAnyElement',
	description: "Connect a customer's account of any element in the catalog, with the fields from the element's own metadata",
	action: 'Provision an instance of any element',
} satisfies Operation['option'];

const show = { show: { operation: [option.value] } };
const fromFields = { show: { ...show.show, configurationSource: ['fields'] } };
const fromJson = { show: { ...show.show, configurationSource: ['json'] } };
/** What the element's fields depend on: the element, and which of its logins. */
const dependsOnLogin = ['element.value', 'loginType'];

const description: INodeProperties[] = [
	{ ...elementLocator(), required: true, displayOptions: show },
	instanceNameField([option.value], 'hubspot'),
	{
		displayName: 'Authentication Name or ID',
		name: 'loginType',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getElementLogins', loadOptionsDependsOn: ['element.value'] },
		default: '',
		description:
			'How the customer\'s account is logged in to, where the element offers several ways (its authentication.type): the fields below are that login\'s. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
			loadOptionsDependsOn: dependsOnLogin,
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
			typeOptions: { loadOptionsMethod: 'getElementSecretKeys', loadOptionsDependsOn: dependsOnLogin },
			default: '',
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		},
	}),
	...authorizationFields({ operation: [option.value] }, ['configuration', 'refreshToken', 'callback'], 'configuration'),
];

/** The element's metadata, read once per execution. */
async function elementMetadata(run: ExecutionRun, itemIndex: number, key: string) {
	const loading = run.metadata.get(key) ?? getElementConfiguration(run.client, itemIndex, key);
	run.metadata.set(key, loading);
	return await loading;
}

/**
 * Reads the item: the element, its login, the configuration (from the
 * fields the metadata gave, or JSON) and its secrets, checked against the
 * element's own metadata so every missing or wrong entry is named before
 * anything is created. The metadata read is the only request before that
 * check.
 */
async function prepareAnyElement(this: IExecuteFunctions, itemIndex: number, run: ExecutionRun): Promise<PreparedCall> {
	const problems: string[] = [];
	const key = readText('Element', this.getNodeParameter('element', itemIndex, '', { extractValue: true }), problems);
	const { name, tags, ...policy } = readProvisioning(this, itemIndex, problems);
	const authorization = readAuthorization(this, itemIndex, problems);
	const secretEntries = readSecretEntries(this, itemIndex, problems);
	const entries = { ...readEntries(this, itemIndex, problems), ...secretEntries };
	// Workflows made before the choice existed may name the login among their entries.
	const loginType = readText('Authentication', this.getNodeParameter('loginType', itemIndex, ''), problems, false) || entries[LOGIN_KEY];
	assertNoProblems(this, problems, itemIndex, 'Invalid fields');

	const element = definitionFromMetadata(key, await elementMetadata(run, itemIndex, key));
	const chosen = findLogin(element, loginType);
	if (!chosen) {
		const types = element.logins.map((login) => login.type).join(', ');
		const problem = `Authentication must be one of ${types} (got ${JSON.stringify(loginType)})`;
		throw problemsError(this, [problem], itemIndex, `Invalid ${key} fields`);
	}
	// Entries its metadata does not list for this login go as they are: incomplete metadata, JSON.
	const listed = new Set(chosen.configuration.map((field) => field.key));
	const unlisted = Object.keys(entries)
		.filter((entry) => !listed.has(entry) && entry !== LOGIN_KEY)
		.map((entry): ConfigField => ({
			displayName: entry,
			name: entry,
			key: entry,
			type: 'string',
			default: '',
			...(entry in secretEntries && { typeOptions: { password: true } }),
		}));
	const fields = [...chosen.configuration, ...unlisted];
	const configuration = readLoginConfiguration(this, itemIndex, { ...chosen, configuration: fields }, (field) => entries[field.key], problems);
	assertNoProblems(this, problems, itemIndex, `Missing or invalid ${loginTitle(element, chosen)} fields`);

	return provisionCall(this, {
		...policy,
		element,
		instance: instanceBody(element, chosen, configuration, authorization, { name, tags }),
		secretKeys: secretKeysOf([...element.logins.flatMap((each) => each.configuration), ...unlisted]),
		itemIndex,
		run,
	});
}

/** The configuration entries of the item, from the element's fields or from JSON. */
function readEntries(ctx: IExecuteFunctions, itemIndex: number, problems: string[]): IDataObject {
	if (ctx.getNodeParameter('configurationSource', itemIndex, 'fields') === 'fields') {
		return (ctx.getNodeParameter('configurationFields.value', itemIndex, {}) as IDataObject | null) ?? {};
	}
	return readJsonObject(ctx, 'configurationJson', itemIndex, 'Configuration (JSON)', problems);
}

export const provisionAnyElementOperation: Operation = {
	option,
	description,
	outputsInstances: true,
	provisions: true,
	prepare: prepareAnyElement,
};
