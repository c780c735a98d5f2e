import type { INodeProperties } from 'n8n-workflow';

import { defaultElement } from '../elements';
import { simplifyFields } from './common.descriptions';
import { callElementApiOperation } from './elementApi/call.operation';
import { checkOperation } from './instance/check.operation';
import { deleteOperation } from './instance/delete.operation';
import { getOperation } from './instance/get.operation';
import { getOAuthUrlOperation } from './instance/getOAuthUrl.operation';
import { listOperation } from './instance/list.operation';
import { provisionOperations } from './instance/provision.operation';
import { provisionAnyElementOperation } from './instance/provisionAnyElement.operation';
import { provisioningFields } from './instance/provisioning';
import { reauthenticateOperation } from './instance/reauthenticate.operation';
import { disableOperation, enableOperation } from './instance/setEnabled.operation';
import { updateOperation } from './instance/update.operation';
import type { Operation } from './operation';
import { inVersion, loginNames, NODE_VERSIONS, type NodeVersion } from './versions';

type Resource = 'elementApi' | 'instance';

const byName = (a: Operation, b: Operation) => a.option.name.localeCompare(b.option.name);

/** The Element API resource's operations: calls made with an instance's token, alike in both versions. */
const elementApiOperations = [callElementApiOperation];

/** Every Instance operation of a node version, in the order the editor lists them: by name. */
const instanceOperationsByVersion = new Map(
	NODE_VERSIONS.map((version) => {
		const operations = [
			checkOperation,
			deleteOperation,
			disableOperation,
			enableOperation,
			getOperation,
			getOAuthUrlOperation,
			listOperation,
			...provisionOperations.get(version)!,
			provisionAnyElementOperation,
			reauthenticateOperation,
			updateOperation,
		].sort(byName);
		return [version, operations];
	}),
);

/** A version's operations of each resource. */
const operationsOf = (version: NodeVersion): Record<Resource, Operation[]> => ({
	elementApi: elementApiOperations,
	instance: instanceOperationsByVersion.get(version)!,
});

export function findOperation(version: NodeVersion, name: string): Operation | undefined {
	return Object.values(operationsOf(version))
		.flat()
		.find((operation) => operation.option.value === name);
}

/** Every operation of any version, each once. */
const allOperations = [...new Set([...instanceOperationsByVersion.values(), elementApiOperations].flat())];

const valuesOf = (some: Operation[]) => [...new Set(some.map((operation) => operation.option.value))];

/** Each resource's default operation; Instance's is provisioning the default element, named alike by every version. */
const DEFAULT_OPERATIONS: Record<Resource, string> = {
	elementApi: callElementApiOperation.option.value,
	instance: loginNames(1, defaultElement, defaultElement.logins[0]).operation,
};

function operationProperty(resource: string, operations: Operation[], defaultOperation: string): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: operations.map((operation) => operation.option),
		default: defaultOperation,
	};
}

/**
 * Resource and Operation, in the layout of n8n's resource/operation nodes:
 * n8n describes a tool by the chosen operation's `action` ("Provision an
 * Autopilot instance in Cloud Elements Provision") only where the node has
 * a Resource. Instance, the default, is what n8n fills in for workflows
 * saved before the field existed, which keeps each of their operations
 * valid. Each node version lists its own operations.
 */
export const resourceAndOperation: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Element API', value: 'elementApi' },
			{ name: 'Instance', value: 'instance' },
		],
		default: 'instance',
	},
	...NODE_VERSIONS.flatMap((version) =>
		inVersion(
			version,
			Object.entries(operationsOf(version)).map(([resource, operations]) =>
				operationProperty(resource, operations, DEFAULT_OPERATIONS[resource as Resource]),
			),
		),
	),
];

/** The node's fields after Operation: each operation's own, then those several operations share. */
export const operationFields: INodeProperties[] = [
	...allOperations.flatMap((operation) => operation.description),
	...provisioningFields(valuesOf(allOperations.filter((operation) => operation.provisions))),
	...simplifyFields(valuesOf(allOperations.filter((operation) => operation.outputsInstances))),
];

/**
 * The canvas subtitle: the chosen operation's name ("Provision HubSpot
 * Instance"), looked up in every version's names (an operation value means
 * the same thing in both).
 */
export const operationSubtitle = `={{ ${JSON.stringify(
	Object.fromEntries(allOperations.map((operation) => [operation.option.value, operation.option.name])),
)}[$parameter["operation"]] }}`;
