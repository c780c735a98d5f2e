import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { defaultExecutionSettings } from '../helpers/parameters';
import { createClient, type CloudElementsClient } from '../transport';
import { getElementConfiguration, suppliedByUser, type ConfigurationDefinition } from '../transport/catalog';

/** A client for the editor's look-ups, with the options' defaults. */
export function lookupClient(ctx: ILoadOptionsFunctions): CloudElementsClient {
	return createClient(ctx, defaultExecutionSettings());
}

/** The key of the element chosen in the node, or '' while none is. */
export function chosenElementKey(ctx: ILoadOptionsFunctions): string {
	return String(ctx.getCurrentNodeParameter('element', { extractValue: true }) ?? '').trim();
}

/** The configuration entries users supply for the element chosen in the node, in display order. */
export async function chosenElementFields(ctx: ILoadOptionsFunctions): Promise<ConfigurationDefinition[]> {
	const key = chosenElementKey(ctx);
	if (!key) {
		throw new NodeOperationError(ctx.getNode(), 'Choose an element first', { level: 'warning' });
	}
	return suppliedByUser(await getElementConfiguration(lookupClient(ctx), 0, key));
}
