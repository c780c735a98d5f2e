import type { IDataObject, INodeProperties } from 'n8n-workflow';

/**
 * One configuration entry a login asks for: an n8n parameter (rendered as
 * is) plus the Cloud Elements key its value is sent under. A parameter with
 * `typeOptions.password` is a secret (see helpers/secrets.ts).
 */
export type ConfigField = Omit<INodeProperties, 'type'> & {
	type: 'string' | 'boolean' | 'number' | 'options';
	/** Cloud Elements configuration key, sent verbatim (e.g. `apikey.user.key`). */
	key: string;
};

/**
 * One way an element's instances log in to the provider. Where an element
 * has several, the node offers them as its Authentication choice, as Cloud
 * Elements' own metadata does (`authentication.type`).
 */
export interface Login {
	/** Label of the Authentication choice where the element has several logins, e.g. `API Key`. */
	name?: string;
	/**
	 * Cloud Elements' `authentication.type` value of the login, where the
	 * element has several: the choice's value, and sent in the body.
	 */
	type?: string;
	/**
	 * The platform takes this login when no `authentication.type` is sent, and
	 * its documented body sends none (Pardot's "Create Instance" page): so the
	 * node sends none either.
	 */
	typeImplied?: true;
	/** Where users find the values this login asks for: shown with an error about them. */
	setupHint?: string;
	/**
	 * The entries users supply, in display order. A login with an OAuth
	 * callback URL (`oauth.callback.url`) is the authorization code flow: its
	 * operation also takes the customer's callback, or a refresh token.
	 */
	configuration: ConfigField[];
	/** `providerData` sent as it is, where the element's page sends one without a customer's consent (Marketo). */
	providerData?: IDataObject;
	/**
	 * What version 1 of the node called this login, where it was an element
	 * definition of its own: its parameters' prefix and Update's choice
	 * (`name`), and its own operation, if it had one. Saved workflows still
	 * use these names.
	 */
	v1?: { name: string; operation?: string };
}

/**
 * Declarative description of a Cloud Elements element: the node derives its
 * provisioning operation, fields, the pre-flight checks, the `POST /instances`
 * body and its secrets from it.
 */
export interface ElementDefinition {
	/** Cloud Elements element key, sent as `element.key`. */
	key: string;
	/** Product name as users know it, e.g. `Pardot`. */
	displayName: string;
	/** Its logins, the default first. */
	logins: [Login, ...Login[]];
}
