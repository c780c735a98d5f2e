import { autopilot } from './autopilot';
import { campaignMonitor } from './campaignMonitor';
import { eloqua } from './eloqua';
import { hubspot } from './hubspot';
import { icontact } from './icontact';
import { mailchimp } from './mailchimp';
import { mailjet } from './mailjet';
import { marketo } from './marketo';
import { CALLBACK_URL_KEY } from './oauth';
import { pardot } from './pardot';
import type { ElementDefinition, Login } from './types';

export type { ConfigField, ElementDefinition, Login } from './types';
export { commonConfiguration } from './common';
export { definitionFromMetadata, LOGIN_KEY, type ConfigurationDefinition } from './metadata';

/**
 * Every element the node can provision. Adding one is a definition file plus a
 * line here, in order of display name: the editor lists the operations in this
 * order, and n8n's lint wants them alphabetical.
 */
export const elements: ElementDefinition[] = [
	autopilot,
	campaignMonitor,
	hubspot,
	icontact,
	mailchimp,
	mailjet,
	marketo,
	eloqua,
	pardot,
];

/**
 * The element of the node's default operation: the one of the seed "Create
 * Instance" page. n8n fills the default into workflows saved without an
 * operation, so it stays.
 */
export const defaultElement = pardot;

export function findElement(key: unknown): ElementDefinition | undefined {
	return elements.find((element) => element.key === key);
}

/** A login with the authorization code flow: it registers a callback URL, and takes the customer's callback. */
export function takesConsent(login: Login): boolean {
	return login.configuration.some((field) => field.key === CALLBACK_URL_KEY);
}

/** The `authentication.type` a login's body carries, if any: where its element has several and it is not implied. */
export function sentType(element: ElementDefinition, login: Login): string | undefined {
	return element.logins.length > 1 && !login.typeImplied ? login.type : undefined;
}

/** The element, and the login where it is not the element's default: `HubSpot OAuth 2`. */
export function loginTitle(element: ElementDefinition, login: Login): string {
	return login === element.logins[0] ? element.displayName : `${element.displayName} ${login.name}`;
}

/** The login of this `authentication.type`, or the default where none is given. */
export function findLogin(element: ElementDefinition, type: unknown): Login | undefined {
	if (type === undefined || type === null || type === '') return element.logins[0];
	return element.logins.find((login) => login.type === type);
}
