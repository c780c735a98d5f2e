import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'cloudElementsApi';

/** What can make requests: a running node, or the editor loading options. */
export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions;

const CUSTOM_ENVIRONMENT = 'custom';
const OPEN_CONNECTORS_ENVIRONMENT = 'openConnectors';
const OTHER_OPEN_CONNECTORS_HOST = 'other';
const API_PATH = '/elements/api-v2';

export interface Connection {
	/** API root, e.g. `https://api.cloud-elements.com/elements/api-v2`. */
	baseUrl: string;
	/** The credential's secrets, to keep out of every error message. */
	secrets: string[];
}

export async function connect(ctx: RequestContext): Promise<Connection> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	return {
		baseUrl: apiBaseUrl(ctx, credentials),
		secrets: [credentials.userSecret, credentials.organizationSecret].map(String),
	};
}

/**
 * The API root: a Cloud Elements environment's option value is the root
 * itself, SAP Open Connectors takes a landscape host, Custom the Base URL
 * field, checked.
 */
function apiBaseUrl(ctx: RequestContext, credentials: IDataObject): string {
	if (credentials.environment === OPEN_CONNECTORS_ENVIRONMENT) return openConnectorsRoot(ctx, credentials);
	if (credentials.environment !== CUSTOM_ENVIRONMENT) return String(credentials.environment);
	const baseUrl = trimmed(credentials.baseUrl);
	const problem = baseUrlProblem(baseUrl);
	if (problem) {
		throw new NodeOperationError(ctx.getNode(), `The Base URL in the Cloud Elements API credentials ${problem}`, {
			description:
				'Open the credentials and set Base URL to the API root, e.g. https://api.cloud-elements.com/elements/api-v2',
		});
	}
	return baseUrl;
}

/** `https://<host>/elements/api-v2`; a host typed with its scheme keeps it. */
function openConnectorsRoot(ctx: RequestContext, credentials: IDataObject): string {
	const other = credentials.openConnectorsHost === OTHER_OPEN_CONNECTORS_HOST;
	const host = trimmed(other ? credentials.openConnectorsOtherHost : credentials.openConnectorsHost);
	if (!/^(https?:\/\/)?[^\s/?#]+$/i.test(host)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The Open Connectors ${other ? 'Host' : 'Landscape'} in the Cloud Elements API credentials is not a host name`,
			{ description: 'Open the credentials and set it to a host such as api.openconnectors.us2.ext.hana.ondemand.com' },
		);
	}
	return `${host.includes('://') ? host : `https://${host}`}${API_PATH}`;
}

const trimmed = (value: unknown) => String(value ?? '').trim().replace(/\/+$/, '');

/**
 * Paths are appended to the Base URL, so a query or fragment in it would send
 * every request (and its secrets) somewhere else than meant.
 */
function baseUrlProblem(baseUrl: string): string | undefined {
	if (!/^https?:\/\/[^\s/?#]+/i.test(baseUrl)) return 'is not an http(s) URL';
	if (/[?#]/.test(baseUrl)) return 'must not have a query (?…) or fragment (#…): end it with /elements/api-v2';
	return undefined;
}
