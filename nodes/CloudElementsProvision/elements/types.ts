import type { INodeProperties } from 'n8n-workflow';

/**
 * One configuration entry of an element: an n8n parameter (rendered as is)
 * plus the Cloud Elements key its value is sent under. A parameter with
 * `typeOptions.password` is a secret: masked in the editor and in the output,
 * never written into an error.
 */
export type ConfigField = Omit<INodeProperties, 'type'> & {
	type: 'string' | 'boolean' | 'number' | 'options';
	/** Cloud Elements configuration key, sent verbatim (e.g. `apikey.user.key`). */
	key: string;
};

/**
 * Declarative description of a Cloud Elements element: the node derives its
 * fields, the pre-flight checks, the `POST /instances` body and the list of
 * secrets from it.
 */
export interface ElementDefinition {
	/** Cloud Elements element key, sent as `element.key`. */
	key: string;
	/** Product name as users know it, e.g. `Pardot`. */
	displayName: string;
	/** Where users find the values this element asks for. */
	setupHint: string;
	/** The element's own configuration entries, in display order. */
	configuration: ConfigField[];
}
