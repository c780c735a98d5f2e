import { autopilot } from './autopilot';
import { campaignMonitorApiKey, campaignMonitorOAuth } from './campaignMonitor';
import { eloqua } from './eloqua';
import { hubspotApiKey, hubspotOAuth } from './hubspot';
import { icontact } from './icontact';
import { mailchimp } from './mailchimp';
import { mailjet } from './mailjet';
import { marketo } from './marketo';
import { pardot } from './pardot';
import { pardotSalesforceOAuth } from './pardotSalesforceOAuth';
import type { ElementDefinition } from './types';

export type { ConfigField, ElementDefinition, FieldTarget } from './types';
export { commonConfiguration } from './common';

/**
 * Every element the node can provision. Adding one is a definition file plus a
 * line here, in order of display name: the editor lists the operations in this
 * order, and n8n's lint wants them alphabetical.
 */
export const elements: ElementDefinition[] = [
	autopilot,
	campaignMonitorApiKey,
	campaignMonitorOAuth,
	hubspotApiKey,
	hubspotOAuth,
	icontact,
	mailchimp,
	mailjet,
	marketo,
	eloqua,
	pardot,
	pardotSalesforceOAuth,
];

/** What names a definition's operation and parameters: its id, or its element key. */
export function definitionId(element: ElementDefinition): string {
	return element.id ?? element.key;
}

export function findElement(id: unknown): ElementDefinition | undefined {
	return elements.find((element) => definitionId(element) === id);
}

/** The element keys the definitions cover, each once. */
export const elementKeys = [...new Set(elements.map((element) => element.key))];

/** One option per element key, for choices that are about the element, not how its instances log in. */
export const elementKeyOptions = elements
	.filter((element, index) => elements.findIndex((other) => other.key === element.key) === index)
	.map((element) => ({ name: element.elementName ?? element.displayName, value: element.key }));
