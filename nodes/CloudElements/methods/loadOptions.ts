import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { isSecret } from '../helpers/secrets';
import { chosenElement, chosenElementKey, chosenLogin } from './lookups';

/** The chosen element's logins, for Any Element's Authentication: empty is the element's default. */
export async function getElementLogins(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	// The editor asks as soon as the field shows: before an element is chosen there is nothing to offer,
	// and an error would be a failed request (HTTP 500, logged by n8n).
	if (!chosenElementKey(this)) return [];
	const { logins } = await chosenElement(this);
	const [first] = logins;
	if (logins.length === 1) return [{ name: "The Element's Only Login", value: '' }];
	return [
		{ name: `Default (${first.name})`, value: '' },
		...logins.map((login) => ({ name: login.name ?? String(login.type), value: String(login.type) })),
	];
}

/** The chosen login's secret entries, for the masked Secret Configuration list. */
export async function getElementSecretKeys(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await chosenLogin(this)).configuration.filter(isSecret).map((field) => ({
		name: `${field.displayName}${field.required ? ' (required)' : ''}`,
		value: field.key,
		...(field.description && { description: field.description }),
	}));
}
