import { autopilot } from './autopilot';
import { pardot } from './pardot';
import type { ElementDefinition } from './types';

export type { ConfigField, ElementDefinition, FieldTarget } from './types';
export { commonConfiguration } from './common';

/** Every element the node can provision. Adding one is a definition file plus a line here. */
export const elements: ElementDefinition[] = [autopilot, pardot];

/** What names a definition's operation and parameters: its id, or its element key. */
export function definitionId(element: ElementDefinition): string {
	return element.id ?? element.key;
}

export function findElement(id: unknown): ElementDefinition | undefined {
	return elements.find((element) => definitionId(element) === id);
}

/** The element keys the definitions cover, each once. */
export const elementKeys = [...new Set(elements.map((element) => element.key))];
