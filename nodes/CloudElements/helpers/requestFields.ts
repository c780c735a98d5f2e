import type { IDataObject } from 'n8n-workflow';

import { readText } from './parameters';

/**
 * Readers for the fields of a call to an instance's element API. They hold
 * the request to the credential's API root: n8n joins a path to the root
 * unless it is a URL of its own, and sends the credential's header wherever
 * the request goes, so a path that could leave the root (or a field that
 * could add a header) is refused before anything is sent.
 */

// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
/** How many times a path is decoded to see what an encoded one says (`%252e` is `%2e` is `.`). */
const DECODE_ROUNDS = 4;

/** A path below the API root, e.g. `/hubs/marketing/contacts`; a leading `/` is added where missing. */
export function readApiPath(label: string, value: unknown, problems: string[]): string {
	const path = readText(label, value, problems);
	if (!path) return '';
	const problem = pathProblem(path);
	if (problem) problems.push(`${label} ${problem}`);
	return path.startsWith('/') ? path : `/${path}`;
}

function pathProblem(path: string): string | undefined {
	if (/[?#]/.test(path)) return 'must not have a query (?…) or fragment (#…): put query parameters in Query Parameters';
	const placeholder = /\{[^}]*\}/.exec(path);
	if (placeholder) return `still has the placeholder ${placeholder[0]}: put the value in its place`;
	const readings = decodedReadings(path);
	if (!readings) return 'has a malformed %-escape';
	for (const reading of readings) {
		if (CONTROL_CHARACTERS.test(reading)) return 'must not contain line breaks or other control characters';
		if (/\s/.test(reading)) return 'must not contain spaces (write them as %20)';
		if (reading.includes('\\')) return 'must not contain a backslash';
		if (/^[a-z][a-z0-9+.-]*:/i.test(reading)) return 'must be a path under the API root, not a URL of its own';
		if (reading.includes('//')) return 'must not contain // (it would name another host)';
		if (reading.split('/').some((segment) => segment === '.' || segment === '..')) {
			return 'must not contain . or .. segments (it would leave the API root)';
		}
	}
	return undefined;
}

/** The path as typed and as each round of decoding reads it, or undefined where an escape is malformed. */
function decodedReadings(path: string): string[] | undefined {
	const readings = [path];
	for (let round = 0; round < DECODE_ROUNDS; round++) {
		let decoded: string;
		try {
			decoded = decodeURIComponent(readings[readings.length - 1]);
		} catch {
			return undefined;
		}
		if (decoded === readings[readings.length - 1]) break;
		readings.push(decoded);
	}
	return readings;
}

/**
 * A value that goes into the Authorization header (the instance token): one
 * word of visible characters, so it cannot end the header, start another or
 * add a part of its own (`, Organization …`).
 */
export function readHeaderWord(label: string, value: unknown, problems: string[]): string {
	const word = readText(label, value, problems);
	if (word && !/^[\x21-\x7e]+$/.test(word)) problems.push(`${label} must be one word of visible characters (no spaces or line breaks)`);
	else if (word.includes(',')) problems.push(`${label} must not contain a comma`);
	return word;
}

/** Text that goes into the query string: no line breaks or other control characters. */
export function readQueryText(label: string, value: unknown, problems: string[], required = true): string {
	const text = readText(label, value, problems, required);
	if (CONTROL_CHARACTERS.test(text)) problems.push(`${label} must not contain line breaks or other control characters`);
	return text;
}

/** Query Parameters (name and value pairs) as a query object; a repeated name becomes a list. */
export function readQueryParameters(value: unknown, problems: string[]): IDataObject {
	const entries = ((value as IDataObject | undefined)?.parameters ?? []) as IDataObject[];
	// A Map, so a name such as `constructor` or `__proto__` is a name like any other.
	const values = new Map<string, string[]>();
	entries.forEach((entry, index) => {
		const label = `Query Parameters entry ${index + 1}`;
		const name = readQueryText(`${label}'s Name`, entry.name, problems);
		const text = readQueryText(`${label}'s Value`, entry.value ?? '', problems, false);
		if (name) values.set(name, [...(values.get(name) ?? []), text]);
	});
	return Object.fromEntries([...values].map(([name, texts]) => [name, texts.length === 1 ? texts[0] : texts]));
}

/** A JSON body: an object, typed as JSON or set by an expression. */
export function readJsonBody(label: string, value: unknown, problems: string[]): IDataObject | undefined {
	let body = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return undefined;
		try {
			body = JSON.parse(value);
		} catch (error) {
			problems.push(`${label} is not valid JSON (${(error as Error).message})`);
			return undefined;
		}
	}
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		problems.push(`${label} must be a JSON object ({ … })`);
		return undefined;
	}
	return body as IDataObject;
}
