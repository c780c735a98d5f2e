import type { ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { isSecret } from '../helpers/secrets';
import { chosenElementKey, chosenLogin } from './lookups';

const NO_ELEMENT_NOTICE = 'Choose an element to load its configuration fields';

/**
 * The chosen login's configuration fields, from the element's own metadata.
 * Secrets are left out: the resource mapper has no masked field, so they go
 * in the masked Secret Configuration list instead.
 */
export async function getElementConfigurationFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	// The editor asks as soon as the operation is chosen: an error would be a failed
	// request (HTTP 500, logged by n8n) and an empty space; a notice says what to do.
	if (!chosenElementKey(this)) return { fields: [], emptyFieldsNotice: NO_ELEMENT_NOTICE };
	const fields = (await chosenLogin(this)).configuration
		.filter((field) => !isSecret(field))
		.map(
			(field): ResourceMapperField => ({
				id: field.key,
				displayName: field.displayName === field.key ? field.key : `${field.displayName} (${field.key})`,
				required: field.required === true,
				defaultMatch: false,
				display: true,
				// Optional entries are offered under "Add field" rather than all at once.
				removed: field.required !== true,
				type: field.type === 'boolean' ? 'boolean' : 'string',
				defaultValue: field.default === '' ? null : (field.default as string | boolean),
			}),
		);
	return { fields, emptyFieldsNotice: 'This element asks for no configuration besides its secrets' };
}
