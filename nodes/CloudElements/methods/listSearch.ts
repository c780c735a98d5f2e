import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { clientWithDefaults } from '../helpers/parameters';
import { getElementsPage } from '../transport/catalog';

/**
 * The element picker: one catalog page per call (n8n asks for the next with
 * the token), filtered by name or key as the user types.
 */
export async function searchElements(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await getElementsPage(clientWithDefaults(this), paginationToken);
	const wanted = (filter ?? '').trim().toLowerCase();
	const results = page.entries
		.filter((element: IDataObject) => element.active !== false && element.deleted !== true)
		.filter(({ name, key }) => !wanted || `${name} ${key}`.toLowerCase().includes(wanted))
		.map(({ name, key }) => ({ name: `${name} (${key})`, value: String(key) }));
	return { results, paginationToken: page.nextPage };
}
