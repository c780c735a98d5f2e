import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import {
	apiRoot,
	CLOUD_ELEMENTS_ENVIRONMENTS,
	CUSTOM_ENVIRONMENT,
	OPEN_CONNECTORS_ENVIRONMENT,
	OPEN_CONNECTORS_HOSTS,
	OTHER_OPEN_CONNECTORS_HOST,
} from './apiRoot';
import { authorizationHeader } from './authorization';

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
				...Object.values(CLOUD_ELEMENTS_ENVIRONMENTS),
				{ name: 'SAP Open Connectors', value: OPEN_CONNECTORS_ENVIRONMENT },
				{ name: 'Custom', value: CUSTOM_ENVIRONMENT },
			],
			default: CLOUD_ELEMENTS_ENVIRONMENTS.us.value,
			description:
				'Where your account lives: Cloud Elements, or SAP Open Connectors (the same platform inside SAP Integration Suite)',
		},
		{
			displayName: 'Open Connectors Landscape',
			name: 'openConnectorsHost',
			type: 'options',
			options: OPEN_CONNECTORS_HOSTS,
			default: OPEN_CONNECTORS_HOSTS[0].value,
			description:
				'The landscape of your SAP Integration Suite subaccount: the host in the Open Connectors API docs or console URL',
			displayOptions: { show: { environment: [OPEN_CONNECTORS_ENVIRONMENT] } },
		},
		{
			displayName: 'Open Connectors Host',
			name: 'openConnectorsOtherHost',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. api.openconnectors.ap10.ext.hana.ondemand.com',
			description: 'Host of the Open Connectors API, without /elements/api-v2',
			displayOptions: { show: { environment: [OPEN_CONNECTORS_ENVIRONMENT], openConnectorsHost: [OTHER_OPEN_CONNECTORS_HOST] } },
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://cloud-elements.example.com/elements/api-v2',
			description: 'Root of the platform API, up to and including /elements/api-v2',
			displayOptions: { show: { environment: [CUSTOM_ENVIRONMENT] } },
		},
	];

	/**
	 * The Authorization header Cloud Elements reads (the platform's, or an
	 * instance's element API's: see authorization.ts), and the API root where a
	 * request has none (the Test button's). A function rather than a generic
	 * block: n8n resolves a generic block's values as expressions on every
	 * request (a data proxy each time, about a tenth of the node's CPU per
	 * item); this builds the same header from the two secrets directly.
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		requestOptions.baseURL ??= apiRoot(credentials);
		requestOptions.headers = {
			...requestOptions.headers,
			Authorization: authorizationHeader(credentials, requestOptions.headers),
		};
		return requestOptions;
	};

	// A one-item page of instances: cheap, and it needs both secrets to be right.
	test: ICredentialTestRequest = {
		request: {
			url: '/instances',
			qs: { pageSize: 1 },
			method: 'GET',
		},
	};
}
