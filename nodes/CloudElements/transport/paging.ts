import type { IDataObject } from 'n8n-workflow';

import type { CloudElementsClient, CloudElementsRequest } from './index';

/** Cloud Elements' largest page. */
export const PAGE_SIZE = 200;
const NEXT_PAGE_HEADER = 'elements-next-page-token';

export interface Page {
	entries: IDataObject[];
	/** An answer that is no list (an element API's single record, or nothing), as it came; `entries` is then empty. */
	notAList?: unknown;
	/** The cursor of the next page (the `elements-next-page-token` header), if there is one. */
	nextPage?: string;
}

/** A list to page through: the platform's (`/instances`, `/elements`) or an element API's, with its token. */
export type PageRequest = Pick<CloudElementsRequest, 'path' | 'elementToken' | 'textAnswer'> & { qs?: IDataObject; pageSize?: number };

/** One page of a Cloud Elements list, `pageSize` asked for and the cursor sent back as `nextPage`. */
export async function getPage(
	client: CloudElementsClient,
	itemIndex: number,
	{ path, qs, elementToken, textAnswer, pageSize = PAGE_SIZE }: PageRequest,
	nextPage?: string,
): Promise<Page> {
	const { body, headers } = await client.requestWithHeaders<unknown>(itemIndex, {
		method: 'GET',
		path,
		elementToken,
		textAnswer,
		qs: { pageSize, ...qs, ...(nextPage && { nextPage }) },
	});
	if (!Array.isArray(body)) return { entries: [], notAList: body };
	const next = headers[NEXT_PAGE_HEADER] || undefined;
	// The cursor it was asked with, again, would page the same page forever.
	return { entries: body as IDataObject[], nextPage: next === nextPage ? undefined : next };
}
