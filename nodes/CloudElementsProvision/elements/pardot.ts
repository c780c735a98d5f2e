import type { ElementDefinition } from './types';

/** Pardot with its API user key login, as on Cloud Elements' "Create Instance" page. */
export const pardot: ElementDefinition = {
	key: 'pardot',
	displayName: 'Pardot',
	authentication: 'apiKey',
	// Retired by Salesforce in 2021, kept as the default so existing workflows run unchanged.
	login: { name: 'API User Key (Legacy)' },
	setupHint: 'In Pardot, open your email address (top right) > Settings to find the API User Key',
	configuration: [
		{
			displayName: 'Username',
			name: 'username',
			key: 'apikey.user.name',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. marketing@example.com',
			description: 'Email address the Pardot user logs in with',
		},
		{
			displayName: 'Password',
			name: 'password',
			key: 'apikey.user.password',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: "The Pardot user's password",
		},
		{
			displayName: 'User Key',
			name: 'userKey',
			key: 'apikey.user.key',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The API User Key from Pardot: your email address (top right) > Settings',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			key: 'provider.version',
			type: 'options',
			options: [
				{ name: '3', value: '3' },
				{ name: '4', value: '4' },
			],
			default: '3',
			description:
				'Pardot API version of the account. Version 4 allows several prospects with the same email address.',
		},
	],
};
