import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { ConfigurationDefinition } from '../elements';
import type { CloudElementsClient } from '../transport';
import type { Attempts } from './attempts';
import type { Turns } from './instance/turns';

/** Sends what an operation prepared for one item; a list operation may output several items. */
export type PreparedCall = () => Promise<IDataObject | IDataObject[]>;

/** What the items of one execution share. */
export interface ExecutionRun {
	client: CloudElementsClient;
	/** What earlier attempts of this node run did (Retry On Fail, a retried execution). */
	attempts: Attempts;
	/** Items of the run that must not provision side by side (the same name or key) take turns here. */
	turns: Turns;
	/** Each element's metadata, read once per execution. */
	metadata: Map<string, Promise<ConfigurationDefinition[]>>;
}

/**
 * One operation of the node, all in one place: how the editor offers it,
 * the fields it shows, and how one item is read, checked and sent. The node
 * description and the item runner both read the registry (operations.ts).
 */
export interface Operation {
	option: INodePropertyOptions & { value: string };
	/** Its own fields; each shows only for this operation. */
	description: INodeProperties[];
	/** Set where it outputs instances: Simplify and Include Token apply to it. */
	outputsInstances?: true;
	/** Set where it provisions: the provisioning fields (Instance Name, Tags, …) apply to it. */
	provisions?: true;
	/**
	 * Reads and checks one item's parameters, throwing before anything is
	 * sent; may read what it checks against (an element's metadata) with the
	 * execution's client.
	 */
	prepare(this: IExecuteFunctions, itemIndex: number, run: ExecutionRun): PreparedCall | Promise<PreparedCall>;
}
