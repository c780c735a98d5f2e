import { autopilot } from './autopilot';
import { pardot } from './pardot';
import type { ElementDefinition } from './types';

export type { ConfigField, ElementDefinition } from './types';
export { commonConfiguration } from './common';

/** Every element the node can provision. Adding one is a definition file plus a line here. */
export const elements: ElementDefinition[] = [autopilot, pardot];

export function findElement(key: unknown): ElementDefinition | undefined {
	return elements.find((element) => element.key === key);
}
