import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * The one place that knows where the platform API lives, for the credential
 * (its Test button) and the nodes alike.
 */

/** Cloud Elements' own environments: the option's value is the API root itself (as credentials saved by 0.1 hold it). */
export const CLOUD_ELEMENTS_ENVIRONMENTS = {
	us: { name: 'Cloud Elements US Production', value: 'https://api.cloud-elements.com/elements/api-v2' },
	eu: { name: 'Cloud Elements EU Production', value: 'https://api.cloud-elements.co.uk/elements/api-v2' },
	staging: { name: 'Cloud Elements Staging', value: 'https://staging.cloud-elements.com/elements/api-v2' },
};

export const OPEN_CONNECTORS_ENVIRONMENT = 'openConnectors';
export const CUSTOM_ENVIRONMENT = 'custom';
export const OTHER_OPEN_CONNECTORS_HOST = 'other';

/**
 * SAP Open Connectors runs the same API (`/elements/api-v2`, same header) on
 * hosts per BTP landscape. SAP publishes no complete list: these are the ones
 * seen in use, and Other takes any host.
 */
export const OPEN_CONNECTORS_HOSTS = [
	{ name: 'US (us2)', value: 'api.openconnectors.us2.ext.hana.ondemand.com' },
	{ name: 'EU (No Region Suffix)', value: 'api.openconnectors.ext.hana.ondemand.com' },
	{ name: 'EU10 (Frankfurt)', value: 'api.openconnectors.eu10.ext.hana.ondemand.com' },
	{ name: 'US10', value: 'api.openconnectors.us10.ext.hana.ondemand.com' },
	{ name: 'Trial (trial.us10)', value: 'api.openconnectors.trial.us10.ext.hana.ondemand.com' },
	{ name: 'Trial (Old Neo hanatrial)', value: 'api.openconnectors.ext.hanatrial.ondemand.com' },
	{ name: 'Other Landscape', value: OTHER_OPEN_CONNECTORS_HOST },
];

/** Where the API sits on its host; also the start of the `basePath` in an instance's API docs. */
export const API_PATH = '/elements/api-v2';

/** Credentials that point nowhere a request may go: the message names the field, the description what to set. */
export class ApiRootProblem extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
	}
}

/**
 * The API root, e.g. `https://api.cloud-elements.com/elements/api-v2`: a
 * Cloud Elements environment's value, SAP Open Connectors' landscape host, or
 * the Custom Base URL, checked.
 */
export function apiRoot(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.environment === OPEN_CONNECTORS_ENVIRONMENT) return openConnectorsRoot(credentials);
	if (credentials.environment !== CUSTOM_ENVIRONMENT) return String(credentials.environment);
	const baseUrl = trimmed(credentials.baseUrl);
	const problem = baseUrlProblem(baseUrl);
	if (problem) {
		throw new ApiRootProblem(
			`The Base URL in the Cloud Elements API credentials ${problem}`,
			'Open the credentials and set Base URL to the API root, e.g. https://api.cloud-elements.com/elements/api-v2',
		);
	}
	return baseUrl;
}

/** `https://<host>/elements/api-v2`; a host typed with its scheme keeps it. */
function openConnectorsRoot(credentials: ICredentialDataDecryptedObject): string {
	const other = credentials.openConnectorsHost === OTHER_OPEN_CONNECTORS_HOST;
	const host = trimmed(other ? credentials.openConnectorsOtherHost : credentials.openConnectorsHost);
	if (!/^(https?:\/\/)?[^\s/?#]+$/i.test(host)) {
		throw new ApiRootProblem(
			`The Open Connectors ${other ? 'Host' : 'Landscape'} in the Cloud Elements API credentials is not a host name`,
			'Open the credentials and set it to a host such as api.openconnectors.us2.ext.hana.ondemand.com',
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
