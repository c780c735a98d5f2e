import { oauthClientFields } from './oauth';
import type { ElementDefinition } from './types';

/**
 * Marketo logs in with the client credentials of a LaunchPoint service, so no
 * customer has to authorize anything. Cloud Elements still counts it as an
 * OAuth 2 element, and its Marketo page sends `providerData.code`, empty.
 */
export const marketo: ElementDefinition = {
	key: 'marketo',
	displayName: 'Marketo',
	logins: [
		{
			setupHint:
				'In Marketo Admin, LaunchPoint > your custom service > View Details shows the client ID and secret; Web Services > REST API shows the Endpoint and Identity URLs',
			providerData: { code: '' },
			configuration: [
				...oauthClientFields({
					provider: 'Marketo',
					where: 'in Marketo Admin, LaunchPoint > your custom service > View Details',
					clientIdExample: '451a529b-8f0f-404a-93b7-b5adb7a01ef1',
				}),
				{
					displayName: 'Identity URL',
					name: 'identityUrl',
					key: 'marketo.identity.url',
					type: 'string',
					required: true,
					default: '',
					placeholder: 'e.g. https://123-ABC-456.mktorest.com/identity',
					description: 'The Identity URL in Marketo Admin: Web Services > REST API',
				},
				{
					displayName: 'REST Endpoint URL',
					name: 'restUrl',
					key: 'base.url',
					type: 'string',
					required: true,
					default: '',
					placeholder: 'e.g. https://123-ABC-456.mktorest.com/rest',
					description: 'The Endpoint URL in Marketo Admin: Web Services > REST API',
				},
			],
		},
	],
};
