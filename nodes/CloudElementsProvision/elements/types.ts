import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** Where in the `POST /instances` body a field's value goes. */
export type FieldTarget = 'configuration' | 'providerData' | 'body';

/**
 * One entry an element asks for: an n8n parameter (rendered as is) plus the
 * Cloud Elements key its value is sent under. A parameter with
 * `typeOptions.password` is a secret: masked in the editor and in the output,
 * never written into an error.
 */
export type ConfigField = Omit<INodeProperties, 'type'> & {
	type: 'string' | 'boolean' | 'number' | 'options';
	/** Cloud Elements key, sent verbatim (e.g. `apikey.user.key`, `code`). */
	key: string;
	/** Where the value goes: `configuration` (the default), `providerData`, or the body itself. */
	in?: FieldTarget;
};

/**
 * How an element authenticates to its provider. `oauth2` is the
 * authorization code flow: its operation takes the customer's callback (or
 * an existing refresh token); `clientCredentials` needs no customer consent.
 */
export type ElementAuthentication = 'apiKey' | 'custom' | 'basic' | 'oauth2' | 'clientCredentials';

/**
 * Declarative description of a Cloud Elements element: the node derives its
 * operation, fields, the pre-flight checks, the `POST /instances` body and the
 * list of secrets from it.
 */
export interface ElementDefinition {
	/** Cloud Elements element key, sent as `element.key`. */
	key: string;
	/**
	 * Names the operation (`provision` + capitalised id) where one element has
	 * several definitions, e.g. one per way to authenticate; the key otherwise.
	 */
	id?: string;
	/** Product name as users know it, e.g. `Pardot`. */
	displayName: string;
	/**
	 * Where an element has several definitions, its name without the way to
	 * log in that their display names add (`HubSpot` for `HubSpot (OAuth)`):
	 * filters by element show it. The display name otherwise.
	 */
	elementName?: string;
	/** Where users find the values this element asks for. */
	setupHint: string;
	authentication: ElementAuthentication;
	/** The entries users supply, in display order. */
	configuration: ConfigField[];
	/**
	 * One of several ways to log in offered by one operation, as its
	 * Authentication choice: `name` labels the choice, `joins` names the
	 * definition whose operation it joins (absent on that definition itself,
	 * whose login is the default).
	 */
	login?: { name: string; joins?: string };
	/** Entries sent as they are, before the user's: e.g. `authentication.type` where an element has several. */
	fixed?: { [target in FieldTarget]?: IDataObject };
}
