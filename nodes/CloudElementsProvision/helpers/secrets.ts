import type { IDataObject } from 'n8n-workflow';

import { commonConfiguration, type ElementDefinition } from '../elements';
import { isSecret } from './configFields';

export const MASK = '********';

/** Configuration keys of an element whose values are secrets. */
export function secretKeys(element: ElementDefinition): string[] {
	return [...element.configuration, ...commonConfiguration]
		.filter(isSecret)
		.map((field) => field.key);
}

/**
 * Cloud Elements echoes some provider secrets in an instance's
 * `configuration` (Autopilot's `api.key`, for one). Masked copies keep them
 * out of execution data unless the user asked to see them.
 */
export function maskSecrets(instance: IDataObject, element: ElementDefinition | undefined): IDataObject {
	const configuration = instance.configuration;
	if (!element || !configuration || typeof configuration !== 'object') return instance;
	const masked: IDataObject = { ...(configuration as IDataObject) };
	for (const key of secretKeys(element)) {
		if (masked[key] !== undefined && masked[key] !== null && masked[key] !== '') masked[key] = MASK;
	}
	return { ...instance, configuration: masked };
}
