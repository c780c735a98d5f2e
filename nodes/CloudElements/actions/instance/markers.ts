import { createHash, randomUUID } from 'crypto';

/** Prefix of the tags the node adds to an instance it creates, so a retry can find it. */
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

export const hasTag = (instance: { tags?: unknown }, tag: string): boolean =>
	Array.isArray(instance.tags) && (instance.tags as unknown[]).includes(tag);
