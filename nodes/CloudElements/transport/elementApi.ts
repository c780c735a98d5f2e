import type { IDataObject, IHttpRequestMethods, NodeApiError } from 'n8n-workflow';

import { API_PATH } from '../../../credentials/apiRoot';
import type { CloudElementsClient } from './index';
import { getPage, PAGE_SIZE, type PageRequest } from './paging';

/** The methods an element API call may use, in the order the editor offers them. */
export const ELEMENT_API_METHODS: IHttpRequestMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** A call of an instance's element API, e.g. `GET /hubs/marketing/contacts`, authorized by the instance's token. */
export interface ElementApiCall {
	method: IHttpRequestMethods;
	/** Below the API root, checked by the node (`readApiPath`). */
	path: string;
	token: string;
	qs: IDataObject;
	body?: IDataObject;
}

/** What a read answered: the records of a list, or the answer as it came where it is no list. */
export type ElementApiAnswer = { records: IDataObject[] } | { answer: unknown };

/**
 * A GET, paged as Cloud Elements pages (`pageSize`, and the
 * `elements-next-page-token` cursor sent back as `nextPage`) until `limit`
 * records are read or the pages run out. Each page is a GET of its own, so
 * it is retried as any GET is.
 */
export async function readElementApi(
	client: CloudElementsClient,
	itemIndex: number,
	call: ElementApiCall,
	{ limit, pageSize = PAGE_SIZE }: { limit: number; pageSize?: number },
): Promise<ElementApiAnswer> {
	const request: PageRequest = { path: call.path, qs: call.qs, elementToken: call.token, textAnswer: true, pageSize: Math.min(pageSize, limit) };
	const records: IDataObject[] = [];
	let nextPage: string | undefined;
	do {
		const page = await getPage(client, itemIndex, request, nextPage);
		if ('notAList' in page && nextPage === undefined) return { answer: page.notAList };
		// A loop, not a spread: a page may hold thousands of records.
		for (const record of page.entries) if (records.length < limit) records.push(record);
		nextPage = page.nextPage;
	} while (nextPage && records.length < limit);
	return { records };
}

/** How a write (POST, PUT, PATCH, DELETE) goes when its answer is lost. */
export interface OnLoss {
	/** Send it again: the user says a repeat is harmless. */
	resend: boolean;
	/** Hears that the tries ended on a lost answer, so n8n's own retries do not send it again either. */
	noteLoss(): void;
}

/**
 * Any other call, sent once more after a lost answer only where `onLoss`
 * says it is safe: the element's provider may have carried it out (a
 * record created twice).
 */
export async function sendElementApi(client: CloudElementsClient, itemIndex: number, call: ElementApiCall, onLoss: OnLoss): Promise<unknown> {
	return await client.request<unknown>(itemIndex, {
		method: call.method,
		path: call.path,
		qs: call.qs,
		body: call.body,
		elementToken: call.token,
		textAnswer: true,
		...(!onLoss.resend && { finalOnLoss: { advice: lostAdvice(call.method), noteLoss: onLoss.noteLoss } }),
	});
}

/** What to do about a write whose answer was lost. */
const lostAdvice = (method: string) =>
	`The ${method} may have been carried out although its answer was lost, so it was not sent again: check in the provider before running it again, or turn on Resend After Lost Answer where a repeat is harmless`;

/** Statuses that say the element has no ping. */
const NO_PING_STATUSES = ['404', '405'];

/**
 * `GET /hubs/{hub}/ping`, the element's heartbeat: whether it answers `valid`
 * (as `true` or as `"true"`, both seen), or undefined where the element has
 * no ping.
 */
export async function pingInstance(
	client: CloudElementsClient,
	itemIndex: number,
	hub: string,
	token: string,
): Promise<boolean | undefined> {
	let answer: IDataObject;
	try {
		answer = await client.request<IDataObject>(itemIndex, { method: 'GET', path: `/hubs/${encodeURIComponent(hub)}/ping`, elementToken: token });
	} catch (error) {
		if (NO_PING_STATUSES.includes((error as NodeApiError).httpCode ?? '')) return undefined;
		throw error as NodeApiError;
	}
	return answer?.valid === true || answer?.valid === 'true';
}

/** A path of an instance's API, as its docs list it. */
export interface DocumentedPath {
	/** Below the API root, e.g. `/hubs/marketing/contacts`. */
	path: string;
	methods: string[];
	summary: string;
}

/**
 * The paths of an instance's API from its swagger document, `GET
 * /instances/docs` with the instance's token (the instance the call itself
 * will use): the document's `basePath` (`/elements/api-v2/hubs/marketing`)
 * below the API root, joined with each of its paths.
 */
export async function getDocumentedPaths(client: CloudElementsClient, token: string): Promise<DocumentedPath[]> {
	const docs = await client.request<IDataObject>(0, { method: 'GET', path: '/instances/docs', elementToken: token });
	const basePath = String(docs?.basePath ?? '');
	const prefix = (basePath.startsWith(API_PATH) ? basePath.slice(API_PATH.length) : basePath).replace(/\/+$/, '');
	const paths = (docs?.paths ?? {}) as Record<string, IDataObject>;
	return Object.entries(paths).map(([path, operations]) => {
		const methods = ELEMENT_API_METHODS.filter((method) => operations?.[method.toLowerCase()]);
		const summaries = methods.map((method) => (operations[method.toLowerCase()] as IDataObject)?.summary).filter(Boolean);
		return { path: `${prefix}${path}`, methods, summary: String(summaries[0] ?? '') };
	});
}
