import type { ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { isBooleanDefinition, isPasswordDefinition, isRequiredOfUser } from '../transport/catalog';
import { chosenElementFields, chosenElementKey } from './lookups';

const NO_ELEMENT_NOTICE = 'Choose an element to load its configuration fields';

/**
 * The chosen element's configuration fields, from its own metadata. Secrets
 * (`PASSWORD` entries) are left out: the resource mapper has no masked field,
 * so they go in the masked Secret Configuration list instead.
 */
export async function getElementConfigurationFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	// The editor asks as soon as the operation is chosen: an error would be a failed
	// request (HTTP 500, logged by n8n) and an empty space; a notice says what to do.
	if (!chosenElementKey(this)) return { fields: [], emptyFieldsNotice: NO_ELEMENT_NOTICE };
	const fields = (await chosenElementFields(this))
		.filter((definition) => !isPasswordDefinition(definition))
		.map(
			(definition): ResourceMapperField => ({
				id: definition.key,
				displayName: definition.name ? `${definition.name} (${definition.key})` : definition.key,
				required: isRequiredOfUser(definition),
				defaultMatch: false,
				display: true,
				// Optional entries are offered under "Add field" rather than all at once.
				removed: !isRequiredOfUser(definition),
				type: isBooleanDefinition(definition) ? 'boolean' : 'string',
				defaultValue: isBooleanDefinition(definition) ? definition.defaultValue === 'true' : (definition.defaultValue ?? null),
			}),
		);
	return { fields, emptyFieldsNotice: 'This element asks for no configuration besides its secrets' };
}
