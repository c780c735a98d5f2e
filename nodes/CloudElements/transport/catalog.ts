import type { IDataObject } from 'n8n-workflow';

import type { ConfigurationDefinition } from '../elements';
import type { CloudElementsClient } from './index';
import { getPage, type Page } from './paging';

/** A page of the element catalog, `GET /elements`. */
export async function getElementsPage(client: CloudElementsClient, nextPage?: string): Promise<Page> {
	return await getPage(client, 0, { path: '/elements' }, nextPage);
}

/** `GET /elements/{keyOrId}/configuration`: the element's settings, its logins' among them. */
export async function getElementConfiguration(
	client: CloudElementsClient,
	itemIndex: number,
	keyOrId: string,
): Promise<ConfigurationDefinition[]> {
	const body = await client.request<unknown>(itemIndex, {
		method: 'GET',
		path: `/elements/${encodeURIComponent(keyOrId)}/configuration`,
	});
	return (Array.isArray(body) ? body : []).filter(
		(entry): entry is ConfigurationDefinition => typeof (entry as IDataObject)?.key === 'string',
	);
}
