import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { MARKER_PREFIX } from './markers';
import { presentInstance } from '../../helpers/secrets';

/** How an item's instances are output: the item's Simplify, Include Token and Include Secrets in Output. */
export interface InstanceOutput {
	simplify: boolean;
	includeToken: boolean;
	includeSecrets: boolean;
}

/**
 * Reads how to output the item's instances. The fallbacks are those of a
 * workflow saved before Simplify existed (n8n fills in the defaults, which
 * differ for tool use, for every node it runs).
 */
export function readInstanceOutput(ctx: IExecuteFunctions, itemIndex: number): InstanceOutput {
	const { includeSecrets } = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const simplify = ctx.getNodeParameter('simple', itemIndex, false) === true;
	return {
		simplify,
		includeToken: simplify ? ctx.getNodeParameter('includeToken', itemIndex, true) === true : true,
		includeSecrets: includeSecrets === true,
	};
}

/**
 * The instance as the node outputs it: as Cloud Elements answered with its
 * provider secrets masked (see presentInstance; `secretKeys` are those the
 * element's metadata marks), or simplified to what a later step or an AI
 * agent needs to refer to it.
 */
export function outputInstance(instance: IDataObject, output: InstanceOutput, secretKeys?: ReadonlySet<string>): IDataObject {
	if (!output.simplify) return presentInstance(instance, output.includeSecrets, secretKeys);
	const tags = Array.isArray(instance.tags) ? instance.tags : [];
	return {
		id: instance.id,
		name: instance.name,
		elementKey: (instance.element as IDataObject | undefined)?.key,
		// The node's own retry marker means nothing to a reader.
		tags: tags.filter((tag) => !String(tag).startsWith(MARKER_PREFIX)),
		...(output.includeToken && { token: instance.token }),
		createdDate: instance.createdDate,
		// Set by the provisioning operations only.
		...(instance.provisionAction !== undefined && { provisionAction: instance.provisionAction }),
	};
}
