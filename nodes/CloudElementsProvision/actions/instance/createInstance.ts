import { createHash, randomUUID } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { CloudElementsClient, CloudElementsRequest, Failure } from '../../transport';
import { deleteInstance, instanceProblem, listInstances } from '../../transport/instances';

/** Tag prefix of the marker that lets a retried create find the instance its lost answer made. */
export const MARKER_PREFIX = 'n8n-provision:';

/** A marker for one item's create of its own. */
export const newMarker = (): string => `${MARKER_PREFIX}${randomUUID()}`;

/**
 * The tag every create with this idempotency key for this element carries.
 * Tags show in the Cloud Elements console, so the key goes in hashed: no
 * customer data in the tag.
 */
export function keyTag(elementKey: string, idempotencyKey: string): string {
	const hash = createHash('sha256').update(`${elementKey}\n${idempotencyKey}`).digest('hex');
	return `${MARKER_PREFIX}key-${hash.slice(0, 32)}`;
}

/** The tags that tell a create's instance, besides the user's. */
export interface CreateTags {
	/** The item's one-off marker: the only tag that says an instance is the item's own, and so may be deleted as a copy. */
	marker: string;
	/** The idempotency key's tag, for later runs to find the instance by; other executions' instances carry it too. */
	keyTag?: string;
	/** An earlier attempt sent this create, with this marker, and got no instance back: it may yet have made one. */
	sentBefore: boolean;
}

/** Lookups for a lost create start this far apart (at least) and back off to at most the second. */
const LOOK_INTERVAL_MS = { min: 100, max: 5_000 };

/**
 * `POST /instances`, never leaving two instances for one call. The body
 * carries the item's marker tag. When a try may have created the instance
 * although its answer was lost (no answer, a gateway error, a 2xx that is
 * not an instance), the node looks for the marker for up to the look window
 * and adopts what it finds; only then does it send again. A success after
 * such a try (or after one of an earlier attempt) is checked by the marker
 * too: should the lost try have created an instance after all, the first one
 * is kept and the others deleted.
 */
export async function createInstance(
	client: CloudElementsClient,
	itemIndex: number,
	body: IDataObject & { tags: string[] },
	secrets: string[],
	{ marker, keyTag, sentBefore }: CreateTags,
): Promise<IDataObject> {
	const request: CloudElementsRequest = {
		method: 'POST',
		path: '/instances',
		body: { ...body, tags: [...body.tags, ...(keyTag ? [keyTag] : []), marker] },
		secrets,
		checkBody: instanceProblem,
	};
	const failed = async (failure: Failure, note: string) => {
		const error = await client.toError(itemIndex, failure, request);
		error.description = `${error.description}. ${note}`;
		return error;
	};
	const look = async (failure: Failure, windowMs: number) => {
		try {
			return await lookForMarker(client, itemIndex, marker, windowMs);
		} catch (lookupError) {
			throw await failed(
				failure,
				`Its answer was lost, and looking for the instance by its marker tag ${marker} failed too (${lookupError.message}): check for an instance with that tag before running again`,
			);
		}
	};

	let answerLost = sentBefore;
	for (let attempt = 1; ; attempt++) {
		const outcome = await client.tryOnce(request);
		if (!('failure' in outcome)) {
			const created = outcome.body as IDataObject;
			return answerLost ? ((await keepFirst(client, itemIndex, marker)) ?? created) : created;
		}
		const { failure } = outcome;
		const delay = client.retry.delayBeforeRetry(failure, attempt);
		// A lost answer gets the look window instead of the wait; after a clear
		// failure, one look still catches an earlier lost try carried out meanwhile.
		const found = failure.maybeApplied
			? await look(failure, client.settings.lookWindowMs)
			: answerLost && delay === undefined
				? await look(failure, 0)
				: undefined;
		if (found) return found;
		answerLost ||= failure.maybeApplied;
		if (delay === undefined) {
			throw answerLost
				? await failed(
						failure,
						`No instance carries this create's marker tag ${marker}, so none was created as far as Cloud Elements shows; should one still appear, it carries that tag`,
					)
				: await client.toError(itemIndex, failure, request);
		}
		if (!failure.maybeApplied) await sleep(delay);
	}
}

/** Looks for the instance carrying `marker` at once and then, backing off, until `windowMs` has passed. */
async function lookForMarker(
	client: CloudElementsClient,
	itemIndex: number,
	marker: string,
	windowMs: number,
): Promise<IDataObject | undefined> {
	const deadline = Date.now() + windowMs;
	let interval = Math.max(client.retry.backoff(1), LOOK_INTERVAL_MS.min);
	for (;;) {
		const found = await keepFirst(client, itemIndex, marker);
		const left = deadline - Date.now();
		if (found || left <= 0) return found;
		await sleep(Math.min(interval, left));
		interval = Math.min(interval * 2, LOOK_INTERVAL_MS.max);
	}
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
