import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { CloudElementsClient } from './index';
import { getPage } from './paging';

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
	const qs: IDataObject = {};
	if (query.tags?.length) qs['tags[]'] = query.tags;
	if (query.searchText) qs.searchText = query.searchText;
	do {
		const page = await getPage(client, itemIndex, { path: '/instances', qs }, nextPage);
		for (const instance of page.entries) {
			if (found.length < limit && hasTags(instance, query.tags) && keep(instance)) found.push(instance);
		}
		nextPage = page.nextPage;
	} while (nextPage && found.length < limit);
	return found;
}

/**
 * Checked here too, not only by Cloud Elements: a retried create adopts what
 * the lookup by its marker tag returns, and must never take another customer's
 * instance for its own should the filter not be applied.
 */
function hasTags(instance: IDataObject, tags: string[] = []): boolean {
	const own = Array.isArray(instance.tags) ? (instance.tags as unknown[]) : [];
	return tags.every((tag) => own.includes(tag));
}

/** Disabled or not valid, e.g. disabled by the platform after its token refresh kept failing: to re-authenticate. */
export function needsAttention(instance: IDataObject): boolean {
	return instance.disabled === true || instance.valid === false;
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

/**
 * `DELETE /instances/{id}`. When an answer is lost and the instance is gone
 * by the look right after, the lost try deleted it: that is success. Sending
 * a DELETE again is harmless, so the look does not wait; should the lost try
 * have deleted it meanwhile, the 404 of the second is checked the same way.
 */
export async function deleteInstance(client: CloudElementsClient, itemIndex: number, id: string): Promise<void> {
	const gone = async () => {
		try {
			return (await findInstance(client, itemIndex, id)) === undefined ? {} : undefined;
		} catch {
			// Any other failure tells nothing, and sending the DELETE again is harmless.
			return undefined;
		}
	};
	const recovery = { look: gone, windowMs: 0, lostBefore: false };
	await client.request(itemIndex, { method: 'DELETE', path: `/instances/${id}`, recovery });
}

/** `GET /instances/{id}`: the instance, or undefined where Cloud Elements has none with this ID (404). */
export async function findInstance(client: CloudElementsClient, itemIndex: number, id: string): Promise<IDataObject | undefined> {
	try {
		return await client.request(itemIndex, { method: 'GET', path: `/instances/${id}` });
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return undefined;
		throw error as NodeApiError;
	}
}

/** What keeps a body from being an instance the node can output: it needs an id and a token. */
export function instanceProblem(body: unknown): string | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return 'no instance';
	const { id, token } = body as IDataObject;
	const missing = [
		!(typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id))) && 'an id',
		!(typeof token === 'string' && token !== '') && 'a token',
	].filter(Boolean);
	return missing.length > 0 ? `an instance without ${missing.join(' or ')}` : undefined;
}
