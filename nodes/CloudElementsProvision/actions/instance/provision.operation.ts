import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { commonConfiguration, definitionId, elements, type ConfigField, type ElementDefinition } from '../../elements';
import { collectConfiguration, configFieldProperty } from '../../helpers/configFields';
import { assertNoProblems, itemLabel, readTags, readText } from '../../helpers/parameters';
import { outputInstance, readInstanceOutput, type InstanceOutput } from './output';
import type { CloudElementsClient } from '../../transport';
import type { Operation, PreparedCall, ProvisionOperationName } from '../operation';
import type { Attempts, ProvisionAction } from './attempts';
import { authorizationFields, NO_AUTHORIZATION, readAuthorization, type ShownWhen } from './authorization';
import { createInstance, findTagged, keyTag, newMarker } from './createInstance';
import { deleteInstance, findByName, instanceProblem } from '../../transport/instances';

const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

function provisionOperation(element: ElementDefinition): ProvisionOperationName {
	return `provision${capitalised(definitionId(element))}`;
}

/** Node parameter holding one of an element's fields, e.g. `pardotUserKey`. */
function configParameterName(element: ElementDefinition, field: ConfigField): string {
	return `${definitionId(element)}${capitalised(field.name)}`;
}

/** The Authentication parameter of an operation whose element has several logins, e.g. `pardotAuthentication`. */
const loginParameter = (host: ElementDefinition) => `${definitionId(host)}Authentication`;

const joinersOf = (host: ElementDefinition) => elements.filter((element) => element.login?.joins === definitionId(host));

/** The parameter values that choose this definition in the editor: its operation, and its login where it shares one. */
export function choosing(element: ElementDefinition): Record<string, string> {
	const host = elements.find((candidate) => definitionId(candidate) === element.login?.joins) ?? element;
	const login = joinersOf(host).length > 0 ? { [loginParameter(host)]: definitionId(element) } : {};
	return { operation: provisionOperation(host), ...login };
}

/**
 * One operation per element definition, with its option, Instance Name and
 * own fields; definitions that join another's operation (`login.joins`) are
 * offered there, as choices of its Authentication field.
 */
export const provisionOperations: Operation[] = elements
	.filter((element) => !element.login?.joins)
	.map((host) => {
		const logins = [host, ...joinersOf(host)];
		const operation = provisionOperation(host);
		const choice = loginParameter(host);
		const shownWhen = (element: ElementDefinition): ShownWhen =>
			logins.length > 1 ? { operation: [operation], [choice]: [definitionId(element)] } : { operation: [operation] };
		return {
			option: {
				name: `Provision ${host.displayName} Instance`,
				value: operation,
				description: `Connect a customer's ${host.displayName} account to Cloud Elements and get the instance token`,
				action: `Provision ${/^[aeiou]/i.test(host.displayName) ? 'an' : 'a'} ${host.displayName} instance`,
			},
			outputsInstances: true,
			description: [
				{
					displayName: 'Instance Name',
					name: 'instanceName',
					type: 'string',
					required: true,
					default: '',
					placeholder: `e.g. acme-${host.key}`,
					description: 'Name of the new instance in Cloud Elements, typically one per customer',
					displayOptions: { show: { operation: [operation] } },
				},
				...(logins.length > 1 ? [loginChoice(choice, operation, logins)] : []),
				...logins.flatMap((element) => definitionFields(element, shownWhen(element))),
			],
			prepare(this: IExecuteFunctions, itemIndex: number, _client: CloudElementsClient, attempts: Attempts) {
				const chosen = logins.length > 1 ? this.getNodeParameter(choice, itemIndex, definitionId(host)) : undefined;
				const element = logins.find((login) => definitionId(login) === chosen) ?? host;
				return prepareProvision.call(this, element, itemIndex, attempts);
			},
		};
	});

/** The Authentication choice of an operation with several logins; the host's (first) is the default. */
function loginChoice(name: string, operation: string, logins: ElementDefinition[]): INodeProperties {
	return {
		displayName: 'Authentication',
		name,
		type: 'options',
		default: definitionId(logins[0]),
		options: logins.map((element) => ({ name: element.login?.name ?? element.displayName, value: definitionId(element) })),
		description: 'How the customer\'s account is logged in to',
		displayOptions: { show: { operation: [operation] } },
	};
}

/** A definition's own fields, and for the authorization code flow the customer's callback (or a refresh token). */
function definitionFields(element: ElementDefinition, shownWhen: ShownWhen): INodeProperties[] {
	return [
		...element.configuration.map((field) => ({
			...configFieldProperty(field, configParameterName(element, field)),
			displayOptions: { show: shownWhen },
		})),
		...(element.authentication === 'oauth2' ? authorizationFields(shownWhen, ['callback', 'refreshToken'], 'callback') : []),
	];
}

/** Fields every provisioning operation shows after its own. */
export function provisionFieldsFor(operations: string[]): INodeProperties[] {
	const show = { show: { operation: operations } };
	return [
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Tag' },
			default: [],
			placeholder: 'e.g. customer-42',
			description: 'Labels to find the instance by later; an expression may also return a list of tags',
			displayOptions: show,
		},
		{
			displayName: 'If Instance Already Exists',
			name: 'ifExists',
			type: 'options',
			default: 'createAnother',
			description:
				'What to do when instances of this element with this name exist already (names need not be unique in Cloud Elements)',
			options: [
				{
					name: 'Create Another',
					value: 'createAnother',
					description: 'Create a new instance anyway, as Cloud Elements does (names need not be unique)',
				},
				{ name: 'Fail', value: 'fail', description: 'Fail the item, naming every existing instance' },
				{
					name: 'Replace',
					value: 'replace',
					description: 'Delete every existing instance with the name, then create a new one (new ID and token)',
				},
				{
					name: 'Return Existing',
					value: 'returnExisting',
					description: 'Output the newest existing instance and change nothing',
				},
				{
					name: 'Update Configuration',
					value: 'updateConfiguration',
					description:
						'Patch every existing instance with the name with the new configuration (and tags, if set), keeping their IDs; output the newest',
				},
			],
			displayOptions: show,
		},
		{
			displayName: 'Idempotency Key',
			name: 'idempotencyKey',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.customerId }}',
			description:
				'What this item provisions, e.g. the customer ID. Where an instance of this element made with the same key exists (an earlier run, a re-run after a fix, a test in the editor), it is output and nothing is created or changed. Empty: with Create Another, each new execution creates another; retries of one execution never create twice either way.',
			displayOptions: show,
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'Instance settings every Cloud Elements element accepts',
			options: commonConfiguration.map((field) => configFieldProperty(field, field.name)),
			displayOptions: show,
		},
	];
}

/** Reads and checks the item's fields; the returned call provisions the instance. */
function prepareProvision(
	this: IExecuteFunctions,
	element: ElementDefinition,
	itemIndex: number,
	attempts: Attempts,
): PreparedCall {
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const { values, problems, secrets } = collectConfiguration(
		[...element.configuration, ...commonConfiguration],
		(field) =>
			element.configuration.includes(field)
				? this.getNodeParameter(configParameterName(element, field), itemIndex, field.default)
				: additionalFields[field.name],
		element.fixed,
	);
	const authorization =
		element.authentication === 'oauth2' ? readAuthorization(this, itemIndex, problems) : NO_AUTHORIZATION;
	const { name, tags, ...policy } = readProvisioning(this, itemIndex, problems);
	assertNoProblems(this, problems, itemIndex, `Missing or invalid ${element.displayName} fields`, element.setupHint);

	const configuration = { ...values.configuration, ...authorization.configuration };
	const providerData = { ...values.providerData, ...authorization.providerData };
	// The body as Cloud Elements documents it; providerData only where the element takes some.
	const instance = {
		element: { key: element.key },
		configuration,
		...(Object.keys(providerData).length > 0 && { providerData }),
		...values.body,
		...authorization.body,
		tags,
		name,
	};
	return provisionCall(this, {
		...policy,
		element: { key: element.key, displayName: element.displayName },
		instance,
		secrets: [...secrets, ...authorization.secrets],
		secretKeys: [],
		itemIndex,
		attempts,
	});
}

/** The fields every provisioning operation has, besides the element's own. */
interface ProvisioningFields {
	name: string;
	tags: string[];
	ifExists: string;
	/** Empty where none is set. */
	idempotencyKey: string;
	output: InstanceOutput;
}

/** Reads the fields every provisioning operation has, adding what is wrong with them to `problems`. */
export function readProvisioning(ctx: IExecuteFunctions, itemIndex: number, problems: string[]): ProvisioningFields {
	const name = readText('Instance Name', ctx.getNodeParameter('instanceName', itemIndex, ''), problems);
	const tags = readTags(ctx.getNodeParameter('tags', itemIndex, []), problems);
	const idempotencyKey = readText('Idempotency Key', ctx.getNodeParameter('idempotencyKey', itemIndex, ''), problems, false);
	// Set, but nothing for this item (`{{ $json.customerId }}` on an item without one): without
	// its key the item would be created anew by every later run.
	if (idempotencyKey === '' && String(ctx.getNode().parameters.idempotencyKey ?? '').trim() !== '') {
		problems.push('Idempotency Key is empty for this item');
	}
	return {
		name,
		tags,
		ifExists: ctx.getNodeParameter('ifExists', itemIndex, 'createAnother') as string,
		idempotencyKey,
		output: readInstanceOutput(ctx, itemIndex),
	};
}

interface Provisioning extends Omit<ProvisioningFields, 'name' | 'tags'> {
	element: Pick<ElementDefinition, 'key' | 'displayName'>;
	/** The `POST /instances` body. */
	instance: IDataObject & { configuration: IDataObject; tags: string[]; name: string };
	secrets: string[];
	/** Configuration keys to mask in the output besides the usual ones. */
	secretKeys: string[];
	itemIndex: number;
	attempts: Attempts;
}

/**
 * Creates the instance, or applies the If Instance Already Exists policy to
 * those with its name; takes over, instead, what an earlier attempt of this
 * node run did for the item (see Attempts), or the instance an earlier
 * create with the item's idempotency key made.
 */
export function provisionCall(ctx: IExecuteFunctions, job: Provisioning): PreparedCall {
	const { element, instance, secrets, ifExists, itemIndex, attempts } = job;
	const { configuration, tags, name } = instance;
	const node = ctx.getNode();
	const keyed = job.idempotencyKey === '' ? undefined : keyTag(element.key, job.idempotencyKey);
	// Set on the answer (this item's own) before it is copied, not spread into the copy with it:
	// V8 gives each object spread from an answer this large and then extended a hidden class of
	// its own, about half a kilobyte per item kept for the whole batch.
	const output = (result: IDataObject, provisionAction: ProvisionAction) => {
		attempts.record(itemIndex, { id: String(result.id), action: provisionAction });
		result.provisionAction = provisionAction;
		return outputInstance(result, job.output, job.secretKeys);
	};

	return async (client) => {
		const earlier = attempts.earlier(itemIndex);
		if (earlier && 'id' in earlier) {
			const path = `/instances/${earlier.id}`;
			return output(await client.request(itemIndex, { method: 'GET', path, checkBody: instanceProblem }), earlier.action);
		}
		const marker = earlier?.marker ?? newMarker();
		const create = async (action: ProvisionAction) => {
			// Written before it is sent: should this attempt fail, the next looks for the marker first.
			attempts.record(itemIndex, { marker, action });
			const tags = { marker, keyTag: keyed, sentBefore: earlier !== undefined };
			return output(await createInstance(client, itemIndex, instance, secrets, tags), action);
		};
		const provision = async () => {
			// Only where a create may already have made it: a first attempt without a key looks for nothing.
			const lookFor = keyed ?? earlier?.marker;
			const taken = lookFor === undefined ? undefined : await findTagged(client, itemIndex, lookFor);
			// What this item's earlier create made keeps that create's action; another's instance with the key exists.
			if (taken) return output(taken, earlier && hasTag(taken, earlier.marker) ? earlier.action : 'existing');
			if (ifExists === 'createAnother') return await create('created');

			const existing = await findByName(client, itemIndex, element.key, name);
			const newest = existing[existing.length - 1];
			if (!newest) return await create(earlier?.action ?? 'created');
			switch (ifExists) {
				case 'returnExisting':
					return output(newest, 'existing');
				case 'updateConfiguration': {
					// Cloud Elements replaces the tag list on PATCH: no Tags set means keep the existing ones.
					const body = tags.length > 0 ? { configuration, tags } : { configuration };
					let updated = newest;
					for (const { id } of existing) {
						const path = `/instances/${id}`;
						updated = await client.request(itemIndex, { method: 'PATCH', path, body, secrets, checkBody: instanceProblem });
					}
					return output(updated, 'updated');
				}
				case 'replace':
					for (const { id } of existing) await deleteInstance(client, itemIndex, String(id));
					return await create('replaced');
				default:
					throw new NodeOperationError(node, `${alreadyExists(element, name, existing)}${itemLabel(ctx, itemIndex)}`, {
						itemIndex,
						description: 'Choose another "If Instance Already Exists" option to reuse, update or replace it',
					});
			}
		};
		// Items of one run with the same name (where the policy looks for it) or the same key take
		// turns: the second must see what the first created.
		const turns = [ifExists === 'createAnother' ? '' : `${element.key}:${name}`, keyed ?? ''].filter(Boolean);
		return await inTurn(client, turns, provision);
	};
}

const hasTag = (instance: IDataObject, tag: string) => Array.isArray(instance.tags) && (instance.tags as unknown[]).includes(tag);

function alreadyExists(element: Provisioning['element'], name: string, existing: IDataObject[]): string {
	const ids = existing.map((instance) => instance.id).join(', ');
	return existing.length === 1
		? `A ${element.displayName} instance named "${name}" already exists (ID ${ids})`
		: `${existing.length} ${element.displayName} instances named "${name}" already exist (IDs ${ids})`;
}

/** The tasks waiting per key, for each execution's client. */
const turns = new WeakMap<CloudElementsClient, Map<string, Promise<unknown>>>();

/** Runs `task` once every task started earlier with any of `keys` and the same client has settled. */
async function inTurn<T>(client: CloudElementsClient, keys: string[], task: () => Promise<T>): Promise<T> {
	const [key, ...others] = keys;
	if (key === undefined) return await task();
	const queue = turns.get(client) ?? new Map<string, Promise<unknown>>();
	turns.set(client, queue);
	const run = (queue.get(key) ?? Promise.resolve()).then(async () => await inTurn(client, others, task));
	queue.set(key, run.catch(() => undefined));
	return await run;
}
