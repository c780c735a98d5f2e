import type { IDataObject } from 'n8n-workflow';

import { commonConfiguration, elements } from '../elements';
import { isSecret } from './configFields';

export const MASK = '********';

/** Configuration keys that the element definitions mark as secrets, for any element. */
const KNOWN_SECRET_KEYS = new Set(
	[...elements.flatMap((element) => element.configuration), ...commonConfiguration]
		.filter(isSecret)
		.map((field) => field.key),
);

/** Words that make a configuration key a secret wherever they stand in it (`oauth.api.secret`, `refresh_token`). */
const SECRET_WORDS = new Set([
	'key',
	'secret',
	'password',
	'passwd',
	'pwd',
	'token',
	'refresh',
	'private',
	'signature',
	'credential',
	'credentials',
	'passphrase',
]);

/**
 * Whether a configuration key holds a secret: one the definitions mark, or
 * one whose name says so, for the elements the node has no definition for.
 */
export function isSecretKey(key: string): boolean {
	if (KNOWN_SECRET_KEYS.has(key)) return true;
	const words = key
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.toLowerCase()
		.split(/[^a-z0-9]+/);
	return words.some((word) => SECRET_WORDS.has(word));
}

/**
 * The values of a configuration's secret entries (by `isSecretKey`), to keep
 * out of error messages when the configuration is sent.
 */
export function secretValues(configuration: IDataObject): string[] {
	return Object.entries(configuration)
		.filter(([key, value]) => isSecretKey(key) && typeof value === 'string')
		.map(([, value]) => value as string);
}

/**
 * The instance as the node outputs it. Cloud Elements echoes some provider
 * secrets in `configuration` (Autopilot's `api.key`, an OAuth element's
 * refresh token) and may echo `providerData` (an OAuth authorization code);
 * they are masked so they stay out of execution data unless the user asked
 * for them. `secretKeys` adds those an element's own metadata marks
 * (`PASSWORD`).
 */
export function presentInstance(instance: IDataObject, includeSecrets: boolean, secretKeys: string[] = []): IDataObject {
	if (includeSecrets) return instance;
	const presented = { ...instance };
	for (const part of ['configuration', 'providerData']) {
		const entries = instance[part];
		if (entries && typeof entries === 'object' && !Array.isArray(entries)) {
			presented[part] = masked(entries as IDataObject, secretKeys);
		}
	}
	return presented;
}

function masked(entries: IDataObject, secretKeys: string[]): IDataObject {
	const result: IDataObject = { ...entries };
	for (const [key, value] of Object.entries(result)) {
		if (value !== undefined && value !== null && value !== '' && (secretKeys.includes(key) || isSecretKey(key))) {
			result[key] = MASK;
		}
	}
	return result;
}
