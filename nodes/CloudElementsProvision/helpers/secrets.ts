import type { IDataObject } from 'n8n-workflow';

import { commonConfiguration, findElement, type ElementDefinition } from '../elements';
import { isSecret } from './configFields';

export const MASK = '********';

/** Configuration keys of an element whose values are secrets. */
export function secretKeys(element: ElementDefinition): string[] {
	return [...element.configuration, ...commonConfiguration].filter(isSecret).map((field) => field.key);
}

/**
 * The instance as the node outputs it. Cloud Elements echoes some provider
 * secrets in `configuration` (Autopilot's `api.key`, for one); they are
 * masked so they stay out of execution data unless the user asked for them.
 */
export function presentInstance(instance: IDataObject, includeSecrets: boolean): IDataObject {
	const element = findElement((instance.element as IDataObject | undefined)?.key);
	const configuration = instance.configuration;
	if (includeSecrets || !element || !configuration || typeof configuration !== 'object') return instance;
	const masked: IDataObject = { ...(configuration as IDataObject) };
	for (const key of secretKeys(element)) {
		if (masked[key] !== undefined && masked[key] !== null && masked[key] !== '') masked[key] = MASK;
	}
	return { ...instance, configuration: masked };
}
