import type { IDataObject } from 'n8n-workflow';

import type { CloudElementsClient } from './index';

/** Cloud Elements' largest page. */
export const PAGE_SIZE = 200;
const NEXT_PAGE_HEADER = 'elements-next-page-token';

export interface Page {
	entries: IDataObject[];
	/** The cursor of the next page (the `elements-next-page-token` header), if there is one. */
	nextPage?: string;
}

/** One page of a Cloud Elements list (`GET /instances`, `GET /elements`), the cursor sent back as `nextPage`. */
export async function getPage(
	client: CloudElementsClient,
	itemIndex: number,
	path: string,
	qs: IDataObject,
	nextPage?: string,
): Promise<Page> {
	const { body, headers } = await client.requestWithHeaders<IDataObject[]>(itemIndex, {
		method: 'GET',
		path,
		qs: { pageSize: PAGE_SIZE, ...qs, ...(nextPage && { nextPage }) },
	});
	return { entries: Array.isArray(body) ? body : [], nextPage: headers[NEXT_PAGE_HEADER] || undefined };
}
