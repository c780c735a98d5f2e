import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/**
 * SAP Open Connectors runs the same API (`/elements/api-v2`, same header) on
 * hosts per BTP landscape. SAP publishes no complete list: these are the ones
 * seen in use, and Other takes any host.
 */
const OPEN_CONNECTORS_HOSTS = [
	{ name: 'US (us2)', value: 'api.openconnectors.us2.ext.hana.ondemand.com' },
	{ name: 'EU (No Region Suffix)', value: 'api.openconnectors.ext.hana.ondemand.com' },
	{ name: 'EU10 (Frankfurt)', value: 'api.openconnectors.eu10.ext.hana.ondemand.com' },
	{ name: 'US10', value: 'api.openconnectors.us10.ext.hana.ondemand.com' },
	{ name: 'Trial (trial.us10)', value: 'api.openconnectors.trial.us10.ext.hana.ondemand.com' },
	{ name: 'Trial (Old Neo hanatrial)', value: 'api.openconnectors.ext.hanatrial.ondemand.com' },
	{ name: 'Other Landscape', value: 'other' },
];

/**
 * The API root the credential points at, as an n8n expression over
 * `$credentials`, for the Test button; the node resolves it the same way
 * (transport/connection.ts). A Custom Base URL with a query or fragment
 * would send the secrets astray: it becomes a base URL no request can go to.
 */
const API_ROOT_EXPRESSION = `={{ (() => {
	const trimmed = (value) => String(value || "").trim().replace(/\\/+$/, "");
	if ($credentials.environment === "custom") {
		return /[?#]/.test($credentials.baseUrl) ? "Base URL must not have a query or fragment" : trimmed($credentials.baseUrl);
	}
	if ($credentials.environment === "openConnectors") {
		const host = trimmed($credentials.openConnectorsHost === "other" ? $credentials.openConnectorsOtherHost : $credentials.openConnectorsHost);
		return (host.includes("://") ? host : "https://" + host) + "/elements/api-v2";
	}
	return $credentials.environment;
})() }}`;

/**
 * The Cloud Elements environment option values are the API roots themselves
 * (credentials saved by earlier versions hold them as they are).
 */
export class CloudElementsApi implements ICredentialType {
	name = 'cloudElementsApi';

	displayName = 'Cloud Elements API';

	icon: Icon = { light: 'file:../icons/cloudElements.svg', dark: 'file:../icons/cloudElements.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-cloud-elements/n8n-nodes-cloud-elements#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'User Secret',
			name: 'userSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Your user secret: in the Cloud Elements or SAP Open Connectors console, open your profile (top right) to copy it',
		},
		{
			displayName: 'Organization Secret',
			name: 'organizationSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Your organization secret, shown next to the user secret in the console (Cloud Elements) or on the API keys page (SAP Open Connectors)',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Cloud Elements US Production',
					value: 'https://api.cloud-elements.com/elements/api-v2',
				},
				{
					name: 'Cloud Elements EU Production',
					value: 'https://api.cloud-elements.co.uk/elements/api-v2',
				},
				{
					name: 'Cloud Elements Staging',
					value: 'https://staging.cloud-elements.com/elements/api-v2',
				},
				{
					name: 'SAP Open Connectors',
					value: 'openConnectors',
				},
				{
					name: 'Custom',
					value: 'custom',
				},
			],
			default: 'https://api.cloud-elements.com/elements/api-v2',
			description:
				'Where your account lives: Cloud Elements, or SAP Open Connectors (the same platform inside SAP Integration Suite)',
		},
		{
			displayName: 'Open Connectors Landscape',
			name: 'openConnectorsHost',
			type: 'options',
			options: OPEN_CONNECTORS_HOSTS,
			default: 'api.openconnectors.us2.ext.hana.ondemand.com',
			description:
				'The landscape of your SAP Integration Suite subaccount: the host in the Open Connectors API docs or console URL',
			displayOptions: { show: { environment: ['openConnectors'] } },
		},
		{
			displayName: 'Open Connectors Host',
			name: 'openConnectorsOtherHost',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. api.openconnectors.ap10.ext.hana.ondemand.com',
			description: 'Host of the Open Connectors API, without /elements/api-v2',
			displayOptions: { show: { environment: ['openConnectors'], openConnectorsHost: ['other'] } },
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://cloud-elements.example.com/elements/api-v2',
			description: 'Root of the platform API, up to and including /elements/api-v2',
			displayOptions: { show: { environment: ['custom'] } },
		},
	];

	/**
	 * The Authorization header Cloud Elements reads. A function rather than a
	 * generic block: n8n resolves a generic block's values as expressions on
	 * every request (a data proxy each time, about a tenth of the node's CPU per
	 * item); this builds the same header from the two secrets directly.
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		requestOptions.headers = {
			...requestOptions.headers,
			Authorization: `User ${credentials.userSecret ?? ''}, Organization ${credentials.organizationSecret ?? ''}`,
		};
		return requestOptions;
	};

	// A one-item page of instances: cheap, and it needs both secrets to be right.
	test: ICredentialTestRequest = {
		request: {
			baseURL: API_ROOT_EXPRESSION,
			url: '/instances',
			qs: { pageSize: 1 },
			method: 'GET',
		},
	};
}
