import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readText } from './parameters';

/** A JSON object parameter (typed JSON, or an object from an expression); blank is `{}`. */
export function readJsonObject(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
	problems: string[],
): IDataObject {
	const raw = ctx.getNodeParameter(name, itemIndex, '{}');
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		try {
			parsed = JSON.parse(raw || '{}');
		} catch {
			problems.push(`${label} is not valid JSON`);
			return {};
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		problems.push(`${label} must be a JSON object of keys and values`);
		return {};
	}
	return parsed as IDataObject;
}

/** The masked Secret Configuration entries, by key. */
export function readSecretEntries(ctx: IExecuteFunctions, itemIndex: number, problems: string[]): IDataObject {
	const entries = ctx.getNodeParameter('secretConfiguration.entries', itemIndex, []) as Array<{ key?: unknown; value?: unknown }>;
	const secrets: IDataObject = {};
	entries.forEach((entry, index) => {
		const secretKey = readText(`Secret ${index + 1}'s entry`, entry.key, problems);
		if (secretKey) secrets[secretKey] = entry.value as string;
	});
	return secrets;
}
