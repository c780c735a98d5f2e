import type { INodeProperties } from 'n8n-workflow';

import { simplifyFields } from './common.descriptions';
import { deleteOperation } from './instance/delete.operation';
import { getOperation } from './instance/get.operation';
import { getOAuthUrlOperation } from './instance/getOAuthUrl.operation';
import { listOperation } from './instance/list.operation';
import { provisionFieldsFor, provisionOperations } from './instance/provision.operation';
import { provisionAnyElementOperation } from './instance/provisionAnyElement.operation';
import { reauthenticateOperation } from './instance/reauthenticate.operation';
import { disableOperation, enableOperation } from './instance/setEnabled.operation';
import { updateOperation } from './instance/update.operation';
import type { Operation, OperationName } from './operation';

const provisioning = [...provisionOperations, provisionAnyElementOperation];

/** Every operation of the node, in the order the editor lists them: by name. */
export const operations: Operation[] = [
	deleteOperation,
	disableOperation,
	enableOperation,
	getOperation,
	getOAuthUrlOperation,
	listOperation,
	...provisioning,
	reauthenticateOperation,
	updateOperation,
].sort(
	(a, b) => a.option.name.localeCompare(b.option.name),
);

const byName = new Map<string, Operation>(operations.map((operation) => [operation.option.value, operation]));

export function findOperation(name: string): Operation | undefined {
	return byName.get(name);
}

const valuesOf = (some: Operation[]) => some.map((operation) => operation.option.value);

/**
 * Resource and Operation, in the layout of n8n's resource/operation nodes:
 * n8n describes a tool by the chosen operation's `action` ("Provision an
 * Autopilot instance in Cloud Elements Provision") only where the node has
 * a Resource. Every operation acts on instances (Get OAuth Authorization URL
 * starts one's provisioning), so there is one; as the default, it is what
 * n8n fills in for workflows saved before the field existed, which keeps
 * each of their operations valid.
 */
export const resourceAndOperation: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Instance', value: 'instance' }],
		default: 'instance',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['instance'] } },
		options: operations.map((operation) => operation.option),
		default: 'provisionPardot',
	},
];

/** The node's fields after Operation: each operation's own, then those several operations share. */
export const operationFields: INodeProperties[] = [
	...operations.flatMap((operation) => operation.description),
	...provisionFieldsFor(valuesOf(provisioning)),
	...simplifyFields(valuesOf(operations.filter((operation) => operation.outputsInstances))),
];

export type { Operation, OperationName };
