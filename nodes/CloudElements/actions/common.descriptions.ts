import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** The element picker: the account's catalog (searchable, paged) or a key, also by expression. */
export function elementLocator(description = "The element (connector), from your account's catalog"): INodeProperties {
	return {
		displayName: 'Element',
		name: 'element',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchElements', searchable: true },
			},
			{ displayName: 'By Key', name: 'key', type: 'string', placeholder: 'e.g. hubspot' },
		],
	};
}

/** Return All, and Limit where it is off, for an operation that pages through a list. */
export function returnAllAndLimit(show: NonNullable<IDisplayOptions['show']>): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/** Tags: typed one by one, or a list from an expression (read by `readTags`). */
export function tagsProperty(description: string): INodeProperties {
	return {
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Tag' },
		default: [],
		description,
	};
}

/**
 * A list of secret configuration entries, each value masked: read by
 * `readSecretEntries`. `entry` names the entry (a list loaded from the
 * element's metadata, or typed).
 */
export function secretConfigurationField(field: {
	displayName: string;
	description: string;
	operations: string[];
	entry: INodeProperties;
}): INodeProperties {
	return {
		displayName: field.displayName,
		name: 'secretConfiguration',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Secret',
		default: {},
		description: field.description,
		options: [
			{
				name: 'entries',
				displayName: 'Secret',
				values: [
					field.entry,
					{ displayName: 'Value', name: 'value', type: 'string', typeOptions: { password: true }, default: '' },
				],
			},
		],
		displayOptions: { show: { operation: field.operations } },
	};
}

export function instanceIdField(operations: string[]): INodeProperties {
	return {
		displayName: 'Instance ID',
		name: 'instanceId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 428549',
		description: 'The numeric ID of the Cloud Elements instance, e.g. from a List Instances step',
		displayOptions: { show: { operation: operations } },
	};
}

/**
 * The field as an AI Agent's tool shows it, and again with the default a
 * workflow gets. n8n shows the `@tool` copy where the node runs as a tool (its
 * type name then ends in "Tool"), and fills in the shown copy's default where
 * a saved node lacks the field.
 */
export function withWorkflowDefault(field: INodeProperties, workflowDefault: boolean): INodeProperties[] {
	const shownWhere = (tool: boolean) => ({ show: { ...field.displayOptions?.show, '@tool': [tool] } });
	return [
		{ ...field, displayOptions: shownWhere(true) },
		{ ...field, default: workflowDefault, displayOptions: shownWhere(false) },
	];
}

/**
 * Simplify and Include Token for the operations that output instances: on
 * and off for a tool, whose result goes to the model (short, and the token
 * left out); off and on in a workflow, whose output stays as it was.
 */
export function simplifyFields(operations: string[]): INodeProperties[] {
	return [
		...withWorkflowDefault(
			{
				displayName: 'Simplify',
				name: 'simple',
				type: 'boolean',
				default: true,
				description: 'Whether to return a simplified version of the response instead of the raw data',
				hint: 'ID, name, element key, tags, token and created date of each instance',
				displayOptions: { show: { operation: operations } },
			},
			false,
		),
		...withWorkflowDefault(
			{
				displayName: 'Include Token',
				name: 'includeToken',
				type: 'boolean',
				default: false,
				description:
					'Whether the simplified output carries the instance token. Off for a tool, so the token never reaches the model: a later step gets it with Get Instance by the ID.',
				displayOptions: { show: { operation: operations, simple: [true] } },
			},
			true,
		),
	];
}

/**
 * Settings for the whole execution and how the output looks; shown for every
 * operation. The bounds and defaults are those `readExecutionSettings` checks
 * (written out here, as n8n's lint wants literals; a test holds them equal).
 */
export const optionsDescription: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 50 },
			default: 0,
			description:
				'How many items are sent to Cloud Elements at the same time. 0 is Auto: start with 4, send more while Cloud Elements answers as fast as at first, fewer when it slows down, times out or answers 429, 503 or 504. Output order and pairing stay as with one at a time.',
		},
		{
			displayName: 'Include Secrets in Output',
			name: 'includeSecrets',
			type: 'boolean',
			default: false,
			description:
				'Whether provider secrets that Cloud Elements echoes in the configuration are output as they are instead of masked',
		},
		{
			displayName: 'Look for Lost Creates (Ms)',
			name: 'lookWindowMs',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 600000 },
			default: 30000,
			description:
				'When a create gets no clear answer (none, a reset, a gateway error), Cloud Elements may still be creating the instance: the node looks for it this long, and adopts it, before sending the create again',
		},
		{
			displayName: 'Max Concurrency (Auto)',
			name: 'maxConcurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: 50,
			description: 'The most items Concurrency 0 (Auto) sends at the same time',
		},
		{
			displayName: 'Max Tries',
			name: 'maxTries',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 3,
			description:
				'Tries per request in all when Cloud Elements is rate limiting (429), its gateway fails (502, 503, 504) or no answer comes. 1 turns retries off.',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeoutMs',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 600000 },
			default: 60000,
			description: 'How long to wait for an answer before the try counts as failed',
		},
		{
			displayName: 'Wait Between Tries (Ms)',
			name: 'retryWaitMs',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 60000 },
			default: 1000,
			description:
				'Wait before the first retry; each further retry waits twice as long. A 429 waits as long as its Retry-After says.',
		},
	],
};
