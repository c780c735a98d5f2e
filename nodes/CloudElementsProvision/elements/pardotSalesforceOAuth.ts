import { oauthCodeFlowFields } from './oauth';
import type { ElementDefinition } from './types';

/**
 * Pardot as Salesforce has it since 15 February 2021, when Pardot's own
 * user-key login (the Pardot definition, kept as the default for existing
 * workflows) was retired: Salesforce single sign-on through a connected app,
 * with the business unit, as on Cloud Elements' Pardot "Authenticate" page.
 * A choice of the Pardot operation's Authentication field.
 */
export const pardotSalesforceOAuth: ElementDefinition = {
	key: 'pardot',
	id: 'pardotSalesforceOAuth',
	displayName: 'Pardot (Salesforce OAuth)',
	elementName: 'Pardot',
	authentication: 'oauth2',
	login: { name: 'Salesforce OAuth', joins: 'pardot' },
	setupHint:
		'In Salesforce Setup, App Manager: a connected app with the pardot_api scope gives the consumer key and secret; Pardot Account Setup shows the business unit ID',
	fixed: { configuration: { 'authentication.type': 'oauth2' } },
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
			description: "The Pardot business unit's ID: in Salesforce Setup, Pardot Account Setup (18 characters, starting with 0Uv)",
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
};
