import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

/**
 * A request for an instance's element API carries `Authorization: Element
 * <token>`; the credential completes it with the user secret. The node never
 * holds the secret, and the token never needs one typed into a workflow.
 */
export const ELEMENT_AUTHORIZATION_PREFIX = 'Element ';

/**
 * The Authorization header Cloud Elements reads: `User …, Organization …`
 * for the platform API, `User …, Element …` for an instance's element API.
 */
export function authorizationHeader(credentials: ICredentialDataDecryptedObject, headers: IDataObject = {}): string {
	const user = `User ${credentials.userSecret ?? ''}`;
	const requested = headers.Authorization;
	if (typeof requested === 'string' && requested.startsWith(ELEMENT_AUTHORIZATION_PREFIX)) return `${user}, ${requested}`;
	return `${user}, Organization ${credentials.organizationSecret ?? ''}`;
}
