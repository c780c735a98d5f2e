import { oauthCodeFlowFields } from './oauth';
import type { ElementDefinition } from './types';

/**
 * Pardot with its API user key login, as on Cloud Elements' "Create Instance"
 * page, and as Salesforce has it since 15 February 2021, when that login was
 * retired: Salesforce single sign-on through a connected app, with the
 * business unit, as on Cloud Elements' Pardot "Authenticate" page.
 */
export const pardot: ElementDefinition = {
	key: 'pardot',
	displayName: 'Pardot',
	logins: [
		{
			// Retired by Salesforce in 2021, kept as the default so existing workflows run unchanged.
			name: 'API User Key (Legacy)',
			type: 'apiKey',
			typeImplied: true,
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
		},
		{
			name: 'Salesforce OAuth',
			type: 'oauth2',
			setupHint:
				'In Salesforce Setup, App Manager: a connected app with the pardot_api scope gives the consumer key and secret; Pardot Account Setup shows the business unit ID',
			configuration: [
				...oauthCodeFlowFields({
					provider: 'Salesforce',
					where: 'Setup > App Manager > your connected app (with the pardot_api scope) > View > Consumer Key',
					clientIdExample: 'the connected app consumer key',
				}),
				{
					displayName: 'Business Unit ID',
					name: 'businessUnitId',
					key: 'oauth.business.unit.id',
					type: 'string',
					required: true,
					default: '',
					placeholder: 'e.g. 0Uv…',
					description:
						"The Pardot business unit's ID: in Salesforce Setup, Pardot Account Setup (18 characters, starting with 0Uv)",
				},
				{
					displayName: 'Sandbox',
					name: 'sandbox',
					key: 'pardot.sandbox',
					type: 'boolean',
					default: false,
					description: 'Whether the account is a Pardot sandbox, logged in to through test.salesforce.com',
				},
			],
			v1: { name: 'pardotSalesforceOAuth' },
		},
	],
};
