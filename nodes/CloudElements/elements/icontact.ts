import type { ElementDefinition } from './types';

/** iContact, with the credentials of an app registered for the account, as on Cloud Elements' iContact page. */
export const icontact: ElementDefinition = {
	key: 'icontact',
	displayName: 'iContact',
	logins: [
		{
			setupHint:
				'In iContact, your account name (top right) > Settings and Billing > iContact API',
			configuration: [
				{
					displayName: 'API Version',
					name: 'apiVersion',
					key: 'api.version',
					type: 'string',
					required: true,
					default: '2.0',
					placeholder: 'e.g. 2.0',
					description: 'The iContact API version: Settings and Billing > iContact API, under Show Information For',
				},
				{
					displayName: 'Username',
					name: 'username',
					key: 'api.username',
					type: 'string',
					required: true,
					default: '',
					placeholder: 'e.g. marketing@example.com',
					description: 'The username the account logs in to iContact with',
				},
				{
					displayName: 'API Password',
					name: 'apiPassword',
					key: 'api.password',
					type: 'string',
					typeOptions: { password: true },
					required: true,
					default: '',
					description:
						'The API password set when the app was enabled for the account (Settings and Billing > iContact API). iContact does not show it again: set a new one if it is lost.',
				},
				{
					displayName: 'App ID',
					name: 'appId',
					// Spelled as on Cloud Elements' iContact page; unlike the other keys it has no `api.` prefix.
					key: 'AppID',
					type: 'string',
					typeOptions: { password: true },
					required: true,
					default: '',
					description: 'The API-AppId of the app registered for the account: Settings and Billing > iContact API',
				},
			],
		},
	],
};
