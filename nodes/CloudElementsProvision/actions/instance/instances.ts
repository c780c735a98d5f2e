import type { IDataObject } from 'n8n-workflow';

import type { CloudElementsClient } from '../../transport';

const PAGE_SIZE = 200;
const NEXT_PAGE_HEADER = 'elements-next-page-token';

export interface InstanceQuery {
	tags?: string[];
	searchText?: string;
}

/**
 * Pages through `GET /instances` (cursor in the `elements-next-page-token`
 * header, sent back as `nextPage`) until `keep` has accepted `limit`
 * instances or the pages run out.
 */
export async function listInstances(
	client: CloudElementsClient,
	itemIndex: number,
	query: InstanceQuery,
	keep: (instance: IDataObject) => boolean,
	limit = Infinity,
): Promise<IDataObject[]> {
	const found: IDataObject[] = [];
	let nextPage: string | undefined;
	do {
		const qs: IDataObject = { pageSize: PAGE_SIZE, ...(nextPage && { nextPage }) };
		if (query.tags?.length) qs['tags[]'] = query.tags;
		if (query.searchText) qs.searchText = query.searchText;
		const { body, headers } = await client.requestWithHeaders<IDataObject[]>(itemIndex, {
			method: 'GET',
			path: '/instances',
			qs,
		});
		for (const instance of Array.isArray(body) ? body : []) {
			if (found.length < limit && keep(instance)) found.push(instance);
		}
		nextPage = headers[NEXT_PAGE_HEADER] || undefined;
	} while (nextPage && found.length < limit);
	return found;
}

export function isElement(instance: IDataObject, elementKey: string): boolean {
	return (instance.element as IDataObject | undefined)?.key === elementKey;
}

/** Instances of the element with exactly this name, oldest first. */
export async function findByName(
	client: CloudElementsClient,
	itemIndex: number,
	elementKey: string,
	name: string,
): Promise<IDataObject[]> {
	const matches = await listInstances(
		client,
		itemIndex,
		{ searchText: name },
		(instance) => isElement(instance, elementKey) && instance.name === name,
	);
	return matches.sort((a, b) => Number(a.id) - Number(b.id));
}
