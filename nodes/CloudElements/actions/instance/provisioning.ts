import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { commonConfiguration, LOGIN_KEY, sentType, type ConfigField, type ElementDefinition, type Login } from '../../elements';
import { collectConfiguration, configFieldProperty } from '../../helpers/configFields';
import { itemLabel, readTags, readText } from '../../helpers/parameters';
import { deleteInstance, findByName, instanceProblem } from '../../transport/instances';
import { tagsProperty } from '../common.descriptions';
import type { ExecutionRun, PreparedCall } from '../operation';
import type { ProvisionAction, ProvisionAttempt } from '../attempts';
import type { Authorization } from './authorization';
import { createInstance, findTagged } from './createInstance';
import { hasTag, keyTag, newMarker } from './markers';
import { outputInstance, readInstanceOutput, type InstanceOutput } from './output';

/** Every provisioning operation's first field. */
export function instanceNameField(operations: string[], example: string): INodeProperties {
	return {
		displayName: 'Instance Name',
		name: 'instanceName',
		type: 'string',
		required: true,
		default: '',
		placeholder: `e.g. acme-${example}`,
		description: 'Name of the new instance in Cloud Elements, typically one per customer',
		displayOptions: { show: { operation: operations } },
	};
}

/** Fields every provisioning operation shows after its own. */
export function provisioningFields(operations: string[]): INodeProperties[] {
	const show = { show: { operation: operations } };
	return [
		{
			...tagsProperty('Labels to find the instance by later; an expression may also return a list of tags'),
			placeholder: 'e.g. customer-42',
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

/**
 * A login's configuration as the item gives it: each of its fields (`read`
 * gives the value), then the common settings of Additional Fields, which
 * also fill a field of the login's own that `read` leaves unset.
 */
export function readLoginConfiguration(
	ctx: IExecuteFunctions,
	itemIndex: number,
	login: Login,
	read: (field: ConfigField) => unknown,
	problems: string[],
): IDataObject {
	const additionalFields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const common = new Map(commonConfiguration.map((field) => [field.key, additionalFields[field.name]]));
	const own = new Set(login.configuration.map((field) => field.key));
	return {
		...collectConfiguration(login.configuration, (field) => read(field) ?? common.get(field.key), problems),
		...collectConfiguration(
			commonConfiguration.filter((field) => !own.has(field.key)),
			(field) => common.get(field.key),
			problems,
		),
	};
}

/** The `POST /instances` body as Cloud Elements documents it; `providerData` only where the login takes some. */
export type InstanceBody = IDataObject & { configuration: IDataObject; tags: string[]; name: string };

export function instanceBody(
	element: ElementDefinition,
	login: Login,
	configuration: IDataObject,
	authorization: Authorization,
	{ name, tags }: { name: string; tags: string[] },
): InstanceBody {
	const type = sentType(element, login);
	const providerData = { ...login.providerData, ...authorization.providerData };
	return {
		element: { key: element.key },
		configuration: { ...(type && { [LOGIN_KEY]: type }), ...configuration, ...authorization.configuration },
		...(Object.keys(providerData).length > 0 && { providerData }),
		...authorization.body,
		tags,
		name,
	};
}

interface Provisioning extends Omit<ProvisioningFields, 'name' | 'tags'> {
	element: Pick<ElementDefinition, 'key' | 'displayName'>;
	instance: InstanceBody;
	/** Configuration keys the element's metadata marks as secrets, besides those the node knows. */
	secretKeys?: ReadonlySet<string>;
	itemIndex: number;
	run: ExecutionRun;
}

/**
 * Creates the instance, or applies the If Instance Already Exists policy to
 * those with its name; takes over, instead, what an earlier attempt of this
 * node run did for the item (see Attempts), or the instance an earlier
 * create with the item's idempotency key made.
 */
export function provisionCall(ctx: IExecuteFunctions, job: Provisioning): PreparedCall {
	const { element, instance, secretKeys, ifExists, itemIndex, run } = job;
	const { client, attempts } = run;
	const { configuration, tags, name } = instance;
	const node = ctx.getNode();
	const keyed = job.idempotencyKey === '' ? undefined : keyTag(element.key, job.idempotencyKey);
	// Set on the answer (this item's own) before it is copied, not spread into the copy with it:
	// V8 gives each object spread from an answer this large and then extended a hidden class of
	// its own, about half a kilobyte per item kept for the whole batch.
	const output = (result: IDataObject, provisionAction: ProvisionAction) => {
		attempts.record(itemIndex, { id: String(result.id), action: provisionAction });
		result.provisionAction = provisionAction;
		return outputInstance(result, job.output, secretKeys);
	};

	return async () => {
		const earlier = attempts.earlier<ProvisionAttempt>(itemIndex);
		if (earlier && 'id' in earlier) {
			const path = `/instances/${earlier.id}`;
			return output(await client.request(itemIndex, { method: 'GET', path, checkBody: instanceProblem }), earlier.action);
		}
		const marker = earlier?.marker ?? newMarker();
		const create = async (action: ProvisionAction) => {
			// Written before it is sent: should this attempt fail, the next looks for the marker first.
			attempts.record(itemIndex, { marker, action });
			const created = await createInstance(client, itemIndex, instance, {
				marker,
				keyTag: keyed,
				sentBefore: earlier !== undefined,
				secretKeys,
			});
			return output(created, action);
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
						updated = await client.request(itemIndex, { method: 'PATCH', path, body, secretKeys, checkBody: instanceProblem });
					}
					return output(updated, 'updated');
				}
				case 'replace':
					for (const { id } of existing) await deleteInstance(client, itemIndex, String(id));
					return await create('replaced');
				default:
					throw new NodeOperationError(node, `${alreadyExists(element.displayName, name, existing)}${itemLabel(ctx, itemIndex)}`, {
						itemIndex,
						description: 'Choose another "If Instance Already Exists" option to reuse, update or replace it',
					});
			}
		};
		// Items of one run with the same name (where the policy looks for it) or the same key take
		// turns: the second must see what the first created.
		const turns = [ifExists === 'createAnother' ? '' : `${element.key}:${name}`, keyed ?? ''].filter(Boolean);
		return await run.turns.take(turns, provision);
	};
}

function alreadyExists(elementName: string, name: string, existing: IDataObject[]): string {
	const ids = existing.map((instance) => instance.id).join(', ');
	return existing.length === 1
		? `A ${elementName} instance named "${name}" already exists (ID ${ids})`
		: `${existing.length} ${elementName} instances named "${name}" already exist (IDs ${ids})`;
}
