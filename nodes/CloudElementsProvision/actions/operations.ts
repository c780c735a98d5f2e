import type { INodeProperties } from 'n8n-workflow';

import { deleteOperation } from './instance/delete.operation';
import { getOperation } from './instance/get.operation';
import { listOperation } from './instance/list.operation';
import { provisionFieldsFor, provisionOperations } from './instance/provision.operation';
import { updateOperation } from './instance/update.operation';
import type { Operation, OperationName } from './operation';

/** Every operation of the node, in the order the editor lists them. */
export const operations: Operation[] = [deleteOperation, getOperation, listOperation, ...provisionOperations, updateOperation];

const byName = new Map<string, Operation>(operations.map((operation) => [operation.option.value, operation]));

export function findOperation(name: string): Operation | undefined {
	return byName.get(name);
}

/** The node's fields after Operation: each operation's own, then those all provisioning operations share. */
export const operationFields: INodeProperties[] = [
	...operations.flatMap((operation) => operation.description),
	...provisionFieldsFor(provisionOperations.map((operation) => operation.option.value)),
];

export type { Operation, OperationName };
