import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { definitionFromMetadata, findLogin, type ElementDefinition, type Login } from '../elements';
import { clientWithDefaults } from '../helpers/parameters';
import { getElementConfiguration } from '../transport/catalog';

/** The key of the element chosen in the node, or '' while none is. */
export function chosenElementKey(ctx: ILoadOptionsFunctions): string {
	return String(ctx.getCurrentNodeParameter('element', { extractValue: true }) ?? '').trim();
}

/** The element chosen in the node, as its metadata describes it. */
export async function chosenElement(ctx: ILoadOptionsFunctions): Promise<ElementDefinition> {
	const key = chosenElementKey(ctx);
	if (!key) {
		throw new NodeOperationError(ctx.getNode(), 'Choose an element first', { level: 'warning' });
	}
	return definitionFromMetadata(key, await getElementConfiguration(clientWithDefaults(ctx), 0, key));
}

/** The login chosen in the node (its default until one is), with the entries it asks for in display order. */
export async function chosenLogin(ctx: ILoadOptionsFunctions): Promise<Login> {
	const element = await chosenElement(ctx);
	return findLogin(element, ctx.getCurrentNodeParameter('loginType')) ?? element.logins[0];
}
