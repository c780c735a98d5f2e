import type { ElementDefinition } from './types';

/** Mailjet through Cloud Elements' Mailjet Marketing element, with an API key pair. */
export const mailjet: ElementDefinition = {
	key: 'mailjetmarketing',
	displayName: 'Mailjet',
	logins: [
		{
			setupHint:
				'In Mailjet, Account settings > REST API > API key management shows the API key and its secret key',
			configuration: [
				{
					displayName: 'API Key',
					name: 'apiKey',
					key: 'mailjetmarketing.api.key',
					type: 'string',
					typeOptions: { password: true },
					required: true,
					default: '',
					description: 'The Mailjet API key: Account settings > REST API > API key management',
				},
				{
					displayName: 'Secret Key',
					name: 'secretKey',
					key: 'mailjetmarketing.api.secret',
					type: 'string',
					typeOptions: { password: true },
					required: true,
					default: '',
					description: 'The secret key shown with the same API key',
				},
			],
		},
	],
};
