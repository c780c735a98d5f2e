import type { IDataObject } from 'n8n-workflow';

import type { CloudElementsClient } from '../../transport';
import { deleteInstance, instanceProblem, listInstances } from '../../transport/instances';
import type { InstanceBody } from './provisioning';

/** The tags that tell a create's instance, besides the user's. */
export interface CreateTags {
	/** The item's one-off marker: the only tag that says an instance is the item's own, and so may be deleted as a copy. */
	marker: string;
	/** The idempotency key's tag, for later runs to find the instance by; other executions' instances carry it too. */
	keyTag?: string;
	/** An earlier attempt sent this create, with this marker, and got no instance back: it may yet have made one. */
	sentBefore: boolean;
	/** Configuration keys the element's metadata marks as secrets. */
	secretKeys?: ReadonlySet<string>;
}

/**
 * `POST /instances`, never leaving two instances for one call. The body
 * carries the item's marker tag. When a try may have created the instance
 * although its answer was lost, the client looks for the marker (for up to
 * the look window) and adopts what it finds before it sends again. A success
 * after such a try (or after one of an earlier attempt) is checked by the
 * marker too: should the lost try have created an instance after all, the
 * first one is kept and the others deleted.
 */
export async function createInstance(
	client: CloudElementsClient,
	itemIndex: number,
	body: InstanceBody,
	{ marker, keyTag, sentBefore, secretKeys }: CreateTags,
): Promise<IDataObject> {
	return await client.request<IDataObject>(itemIndex, {
		method: 'POST',
		path: '/instances',
		body: { ...body, tags: [...body.tags, ...(keyTag ? [keyTag] : []), marker] },
		secretKeys,
		checkBody: instanceProblem,
		recovery: {
			windowMs: client.settings.lookWindowMs,
			lostBefore: sentBefore,
			look: async () => await keepFirst(client, itemIndex, marker),
			afterLoss: async (created) => (await keepFirst(client, itemIndex, marker)) ?? created,
			advice: {
				notFound: `No instance carries this create's marker tag ${marker}, so none was created as far as Cloud Elements shows; should one still appear, it carries that tag`,
				lookFailed: (message) =>
					`Its answer was lost, and looking for the instance by its marker tag ${marker} failed too (${message}): check for an instance with that tag before running again`,
			},
		},
	});
}

/** The oldest instance carrying `tag`, with its token, if any. */
export async function findTagged(client: CloudElementsClient, itemIndex: number, tag: string): Promise<IDataObject | undefined> {
	const [oldest] = await marked(client, itemIndex, tag);
	return oldest && (await withToken(client, itemIndex, oldest));
}

/**
 * The instance carrying `marker`, if any. Only this item's creates carry it,
 * so several mean a lost try was carried out after all: the first is kept,
 * the others are deleted.
 */
async function keepFirst(client: CloudElementsClient, itemIndex: number, marker: string): Promise<IDataObject | undefined> {
	const [kept, ...extra] = await marked(client, itemIndex, marker);
	for (const copy of extra) await deleteInstance(client, itemIndex, String(copy.id));
	return kept && (await withToken(client, itemIndex, kept));
}

/** Instances carrying `marker`, oldest first. */
async function marked(client: CloudElementsClient, itemIndex: number, marker: string): Promise<IDataObject[]> {
	const copies = await listInstances(client, itemIndex, { tags: [marker] }, () => true);
	return copies.sort((a, b) => Number(a.id) - Number(b.id));
}

/** A listing may leave the token out: the instance itself has it. */
async function withToken(client: CloudElementsClient, itemIndex: number, instance: IDataObject): Promise<IDataObject> {
	if (instanceProblem(instance) === undefined) return instance;
	return await client.request<IDataObject>(itemIndex, { method: 'GET', path: `/instances/${instance.id}`, checkBody: instanceProblem });
}
