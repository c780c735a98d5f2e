import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'cloudElementsApi';

const CUSTOM_ENVIRONMENT = 'custom';

export interface Connection {
	/** API root, e.g. `https://api.cloud-elements.com/elements/api-v2`. */
	baseUrl: string;
	/** The credential's secrets, to keep out of every error message. */
	secrets: string[];
}

export async function connect(ctx: IExecuteFunctions): Promise<Connection> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	return {
		baseUrl: apiBaseUrl(ctx, credentials),
		secrets: [credentials.userSecret, credentials.organizationSecret].map(String),
	};
}

/** The environment option values are API roots; Custom takes the Base URL field, checked. */
function apiBaseUrl(ctx: IExecuteFunctions, credentials: IDataObject): string {
	if (credentials.environment !== CUSTOM_ENVIRONMENT) return String(credentials.environment);
	const baseUrl = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
	const problem = baseUrlProblem(baseUrl);
	if (problem) {
		throw new NodeOperationError(ctx.getNode(), `The Base URL in the Cloud Elements API credentials ${problem}`, {
			description:
				'Open the credentials and set Base URL to the API root, e.g. https://api.cloud-elements.com/elements/api-v2',
		});
	}
	return baseUrl;
}

/**
 * Paths are appended to the Base URL, so a query or fragment in it would send
 * every request (and its secrets) somewhere else than meant.
 */
function baseUrlProblem(baseUrl: string): string | undefined {
	if (!/^https?:\/\/[^\s/?#]+/i.test(baseUrl)) return 'is not an http(s) URL';
	if (/[?#]/.test(baseUrl)) return 'must not have a query (?…) or fragment (#…): end it with /elements/api-v2';
	return undefined;
}
