import type { ConfigField, ElementDefinition, Login } from './types';

/** One entry of `GET /elements/{keyOrId}/configuration`, as Cloud Elements describes an element's settings. */
export interface ConfigurationDefinition {
	key: string;
	name?: string;
	description?: string;
	/** `TEXTFIELD_32` … `TEXTFIELD_1000`, `TEXTAREA`, `PASSWORD`, `BOOLEAN`, `COMBO`. */
	type?: string;
	required?: boolean;
	/** Managed by the platform (tokens, refresh times): never asked for. */
	internal?: boolean;
	/** Not shown in Cloud Elements' own console either. */
	hideFromConsole?: boolean;
	defaultValue?: string | null;
	displayOrder?: number;
	/** Set on the entry whose value decides which other entries apply: `authentication.type`. */
	groupControl?: boolean;
	/** The choices of a `COMBO` entry. */
	options?: Array<{ value?: unknown; name?: string; description?: string }>;
	/** The login (`authentication.type` value) this entry belongs to; absent where every login uses it. */
	groupName?: string;
}

/** The entry that names the login, in every element with several. */
export const LOGIN_KEY = 'authentication.type';

/**
 * The element as its own metadata describes it, in the shape of the node's
 * definitions: one login per option of its `authentication.type` choice (the
 * default first), each asking for the entries of its group and those every
 * login shares; one login with every entry where there is no such choice.
 */
export function definitionFromMetadata(key: string, metadata: ConfigurationDefinition[]): ElementDefinition {
	const supplied = metadata
		.filter((entry) => !entry.internal && !entry.hideFromConsole && entry.key !== LOGIN_KEY)
		.sort((a, b) => (a.displayOrder ?? 0) - (b.displayOrder ?? 0));
	const login = (type?: string, name?: string): Login => ({
		type,
		name,
		configuration: supplied.filter((entry) => !entry.groupName || entry.groupName === type).map(asField),
	});
	const types = loginTypes(metadata);
	const [first, ...others] = types.length > 0 ? types.map(({ type, name }) => login(type, name)) : [login()];
	return { key, displayName: key, logins: [first, ...others] };
}

/** The options of the element's login choice, its default first. */
function loginTypes(metadata: ConfigurationDefinition[]): Array<{ type: string; name: string }> {
	const choice = metadata.find((entry) => entry.key === LOGIN_KEY && entry.groupControl === true);
	const types = (choice?.options ?? [])
		.filter((option) => typeof option.value === 'string' && option.value !== '')
		.map((option) => ({ type: option.value as string, name: option.name ?? option.description ?? (option.value as string) }));
	return types.sort((a, b) => Number(b.type === choice?.defaultValue) - Number(a.type === choice?.defaultValue));
}

/** Entries the user must supply: required, and without a default the platform fills in. */
function isRequiredOfUser(entry: ConfigurationDefinition): boolean {
	return entry.required === true && (entry.defaultValue === undefined || entry.defaultValue === null || entry.defaultValue === '');
}

/** The metadata entry as the node's definitions describe a field: required, a toggle, a secret. */
function asField(entry: ConfigurationDefinition): ConfigField {
	const boolean = entry.type === 'BOOLEAN';
	return {
		displayName: entry.name ?? entry.key,
		name: entry.key,
		key: entry.key,
		type: boolean ? 'boolean' : 'string',
		required: isRequiredOfUser(entry),
		default: boolean ? entry.defaultValue === 'true' : (entry.defaultValue ?? ''),
		...(entry.description && { description: entry.description }),
		...(entry.type === 'PASSWORD' && { typeOptions: { password: true } }),
	};
}
