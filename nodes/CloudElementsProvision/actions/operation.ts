import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { CloudElementsClient } from '../transport';
import type { Attempts } from './instance/attempts';

/** Sends what an operation prepared for one item; a list operation may output several items. */
export type PreparedCall = (client: CloudElementsClient) => Promise<IDataObject | IDataObject[]>;

/** `provisionPardot`, `provisionAutopilot`, …: one per element definition. */
export type ProvisionOperationName = `provision${string}`;

export type OperationName =
	| 'deleteInstance'
	| 'disableInstance'
	| 'enableInstance'
	| 'getInstance'
	| 'getOAuthUrl'
	| 'listInstances'
	| 'reauthenticateInstance'
	| 'updateInstance'
	| ProvisionOperationName;

/**
 * One operation of the node, all in one place: how the editor offers it,
 * the fields it shows, and how one item is read, checked and sent. The node
 * description and the item runner both read the registry (operations.ts).
 */
export interface Operation {
	option: INodePropertyOptions & { value: OperationName };
	/** Its own fields; each shows only for this operation. */
	description: INodeProperties[];
	/** Set where it outputs instances: Simplify and Include Token apply to it. */
	outputsInstances?: true;
	/**
	 * Reads and checks one item's parameters, throwing before anything is
	 * sent; may read what it checks against (an element's metadata) with the
	 * execution's client. Provisioning takes over what earlier attempts of
	 * the node run did (`attempts`).
	 */
	prepare(
		this: IExecuteFunctions,
		itemIndex: number,
		client: CloudElementsClient,
		attempts: Attempts,
	): PreparedCall | Promise<PreparedCall>;
}
