import type { INodeProperties } from 'n8n-workflow';

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

/** The node's fields after Operation: each operation's own, then those all provisioning operations share. */
export const operationFields: INodeProperties[] = [
	...operations.flatMap((operation) => operation.description),
	...provisionFieldsFor(provisioning.map((operation) => operation.option.value)),
];

export type { Operation, OperationName };
