import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

/** The header a delivery's signature comes in: `sha256=` and the Base64 HMAC-SHA256 of the raw body. */
export const SIGNATURE_HEADER = 'elements-webhook-signature';
const PREFIX = 'sha256=';

/** A key for one workflow's subscription: 256 random bits. */
export function newSignatureKey(): string {
	return randomBytes(32).toString('base64url');
}

/**
 * Whether `header` signs exactly these bytes with `key`. Checked on the raw
 * body, as Cloud Elements signs it: JSON parsed and written again need not
 * give the same bytes. The comparison takes the same time wherever the two differ.
 */
export function isSignedBy(rawBody: Buffer, header: unknown, key: string): boolean {
	if (typeof header !== 'string' || !header.startsWith(PREFIX)) return false;
	const expected = createHmac('sha256', key).update(rawBody).digest();
	const given = Buffer.from(header.slice(PREFIX.length), 'base64');
	return given.length === expected.length && timingSafeEqual(given, expected);
}
