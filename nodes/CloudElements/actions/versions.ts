import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ConfigField, ElementDefinition, Login } from '../elements';

/**
 * Version 1 offered some logins as operations of their own (HubSpot and
 * Campaign Monitor) and named their parameters after them; version 2 has one
 * operation per element with an Authentication choice. Saved nodes keep the
 * version they were made with, so both stay.
 */
export type NodeVersion = 1 | 2;
export const NODE_VERSIONS: NodeVersion[] = [1, 2];
export const CURRENT_VERSION: NodeVersion = 2;

export const versionOf = (ctx: IExecuteFunctions): NodeVersion => (ctx.getNode().typeVersion === 1 ? 1 : 2);

/** The properties, shown only to nodes of `version`. */
export function inVersion(version: NodeVersion, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, '@version': [version] } },
	}));
}

const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** What a node version calls one login of an element. */
interface LoginNames {
	/** Its provisioning operation. */
	operation: string;
	/** Its value in the operation's Authentication choice (and, in version 1, Update's Element choice). */
	choice: string;
	/** The parameter (or Update entry) holding one of its fields, e.g. `pardotUserKey`. */
	parameter(field: ConfigField): string;
}

export function loginNames(version: NodeVersion, element: ElementDefinition, login: Login): LoginNames {
	const prefix = version === 1 ? (login.v1?.name ?? element.key) : element.key;
	return {
		operation: (version === 1 && login.v1?.operation) || `provision${capitalised(element.key)}`,
		choice: version === 1 ? prefix : (login.type ?? element.key),
		parameter: (field) => `${prefix}${capitalised(field.name)}`,
	};
}

/** The Authentication choice of an element with several logins, e.g. `hubspotAuthentication`. */
export const loginParameter = (element: ElementDefinition) => `${element.key}Authentication`;

/** Whether both versions name everything of the element alike: none of its logins had a name of its own. */
export const namedAlike = (element: ElementDefinition) => element.logins.every((login) => !login.v1);
