import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { isPasswordDefinition, isRequiredOfUser } from '../transport/catalog';
import { chosenElementFields } from './lookups';

/** The chosen element's secret entries (`PASSWORD` in its metadata), for the masked Secret Configuration list. */
export async function getElementSecretKeys(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await chosenElementFields(this)).filter(isPasswordDefinition).map((definition) => ({
		name: `${definition.name ?? definition.key}${isRequiredOfUser(definition) ? ' (required)' : ''}`,
		value: definition.key,
		description: definition.description,
	}));
}
