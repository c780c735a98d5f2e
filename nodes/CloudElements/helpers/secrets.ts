import type { IDataObject } from 'n8n-workflow';

import { commonConfiguration, elements, type ConfigField } from '../elements';

export const MASK = '********';

/** Words that make a configuration key a secret wherever they stand in it (`oauth.api.secret`, `refresh_token`). */
const SECRET_WORDS = new Set([
	'key',
	'secret',
	'password',
	'passwd',
	'pwd',
	'token',
	'private',
	'signature',
	'credential',
	'credentials',
	'passphrase',
]);

/** Keys whose words say secret but whose value is not: the OAuth client ID, which the provider's authorize URL shows anyone. */
const PUBLIC_KEYS = new Set(['oauth.api.key']);

/** Marked as a secret where it is defined: a masked parameter, or `PASSWORD` in an element's metadata. */
const isMarked = (field: ConfigField) => field.typeOptions?.password === true;

/** Configuration keys that a definition marks, for instances of any element (Get and List show those too). */
const MARKED_KEYS = new Set(
	[...elements.flatMap((element) => element.logins.flatMap((login) => login.configuration)), ...commonConfiguration]
		.filter(isMarked)
		.map((field) => field.key),
);

/**
 * The one rule for what is a secret: a configuration entry that a definition
 * marks (the node's own, or the element's metadata: `marked`), or whose key
 * says so, for the elements the node knows nothing of. Secrets are masked in
 * the editor and the output and kept out of every error.
 */
function isSecretKey(key: string, marked: ReadonlySet<string> = MARKED_KEYS): boolean {
	if (marked.has(key) || MARKED_KEYS.has(key)) return true;
	if (PUBLIC_KEYS.has(key)) return false;
	const words = key
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.toLowerCase()
		.split(/[^a-z0-9]+/);
	return words.some((word) => SECRET_WORDS.has(word));
}

export const isSecret = (field: ConfigField): boolean => isMarked(field) || isSecretKey(field.key);

/** The keys of the fields that are secrets, for `isSecretKey`. */
export const secretKeysOf = (fields: ConfigField[]): ReadonlySet<string> =>
	new Set(fields.filter(isSecret).map((field) => field.key));

/**
 * The secret values a body carries, to keep out of errors: its secret
 * configuration entries, and all of `providerData`, which the customer's
 * callback fills (a code, an OAuth 1 secret, and extras no rule can judge).
 */
export function secretsIn(body: IDataObject | undefined, marked?: ReadonlySet<string>): string[] {
	const configuration = (body?.configuration ?? {}) as IDataObject;
	const providerData = (body?.providerData ?? {}) as IDataObject;
	return [
		...Object.entries(configuration)
			.filter(([key]) => isSecretKey(key, marked))
			.map(([, value]) => value),
		...Object.values(providerData),
	].filter((value): value is string => typeof value === 'string' && value !== '');
}

/**
 * The instance as the node outputs it. Cloud Elements echoes some provider
 * secrets in `configuration` (Autopilot's `api.key`, an OAuth element's
 * refresh token) and may echo `providerData` (an OAuth authorization code);
 * they are masked so they stay out of execution data unless the user asked
 * for them.
 */
export function presentInstance(instance: IDataObject, includeSecrets: boolean, marked?: ReadonlySet<string>): IDataObject {
	if (includeSecrets) return instance;
	const presented = { ...instance };
	for (const part of ['configuration', 'providerData']) {
		const entries = instance[part];
		if (entries && typeof entries === 'object' && !Array.isArray(entries)) {
			presented[part] = masked(entries as IDataObject, marked);
		}
	}
	return presented;
}

function masked(entries: IDataObject, marked?: ReadonlySet<string>): IDataObject {
	const result: IDataObject = { ...entries };
	for (const [key, value] of Object.entries(result)) {
		if (value !== undefined && value !== null && value !== '' && isSecretKey(key, marked)) result[key] = MASK;
	}
	return result;
}
