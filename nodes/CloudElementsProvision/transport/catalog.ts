import type { IDataObject } from 'n8n-workflow';

import type { CloudElementsClient } from './index';
import { getPage, type Page } from './paging';

/** One entry of `GET /elements/{keyOrId}/configuration`, as Cloud Elements describes an element's settings. */
export interface ConfigurationDefinition {
	key: string;
	name?: string;
	description?: string;
	/** `TEXTFIELD_32` … `TEXTFIELD_1000`, `TEXTAREA`, `PASSWORD`, `BOOLEAN`. */
	type?: string;
	required?: boolean;
	/** Managed by the platform (tokens, refresh times): never asked for. */
	internal?: boolean;
	/** Not shown in Cloud Elements' own console either. */
	hideFromConsole?: boolean;
	defaultValue?: string | null;
	displayOrder?: number;
}

/** A page of the element catalog, `GET /elements`. */
export async function getElementsPage(client: CloudElementsClient, nextPage?: string): Promise<Page> {
	return await getPage(client, 0, '/elements', {}, nextPage);
}

export async function getElementConfiguration(
	client: CloudElementsClient,
	itemIndex: number,
	keyOrId: string,
): Promise<ConfigurationDefinition[]> {
	const body = await client.request<unknown>(itemIndex, {
		method: 'GET',
		path: `/elements/${encodeURIComponent(keyOrId)}/configuration`,
	});
	return (Array.isArray(body) ? body : []).filter(
		(entry): entry is ConfigurationDefinition => typeof (entry as IDataObject)?.key === 'string',
	);
}

/** The entries a user supplies, in Cloud Elements' display order: what its console shows. */
export function suppliedByUser(definitions: ConfigurationDefinition[]): ConfigurationDefinition[] {
	return definitions
		.filter((definition) => !definition.internal && !definition.hideFromConsole)
		.sort((a, b) => (a.displayOrder ?? 0) - (b.displayOrder ?? 0));
}

/** Entries the user must supply: required, shown, and without a default the platform fills in. */
export function isRequiredOfUser(definition: ConfigurationDefinition): boolean {
	return definition.required === true && (definition.defaultValue === undefined || definition.defaultValue === null || definition.defaultValue === '');
}

export const isPasswordDefinition = (definition: ConfigurationDefinition) => definition.type === 'PASSWORD';
export const isBooleanDefinition = (definition: ConfigurationDefinition) => definition.type === 'BOOLEAN';
