import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * The environment option values are the API roots themselves, so the node and
 * the credential test resolve the base URL the same way: the chosen root, or
 * the custom Base URL without its trailing slashes.
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
				'Your Cloud Elements user secret: in the Cloud Elements console, open your profile (top right) to copy it',
		},
		{
			displayName: 'Organization Secret',
			name: 'organizationSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Your Cloud Elements organization secret, shown next to the user secret in the console',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'US Production',
					value: 'https://api.cloud-elements.com/elements/api-v2',
				},
				{
					name: 'EU Production',
					value: 'https://api.cloud-elements.co.uk/elements/api-v2',
				},
				{
					name: 'Staging',
					value: 'https://staging.cloud-elements.com/elements/api-v2',
				},
				{
					name: 'Custom',
					value: 'custom',
				},
			],
			default: 'https://api.cloud-elements.com/elements/api-v2',
			description: 'The Cloud Elements environment your account lives in',
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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization:
					'=User {{$credentials.userSecret}}, Organization {{$credentials.organizationSecret}}',
			},
		},
	};

	// A one-item page of instances: cheap, and it needs both secrets to be right. A Custom
	// Base URL with a query or fragment would send the secrets astray: it becomes a base URL
	// that no request can go to, so the test fails before anything is sent.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ $credentials.environment !== "custom" ? $credentials.environment : /[?#]/.test($credentials.baseUrl) ? "Base URL must not have a query or fragment" : String($credentials.baseUrl).trim().replace(/\\/+$/, "") }}',
			url: '/instances',
			qs: { pageSize: 1 },
			method: 'GET',
		},
	};
}
