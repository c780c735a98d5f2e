import { oauthCodeFlowFields } from './oauth';
import type { ElementDefinition } from './types';

/**
 * HubSpot Marketing takes either login; `authentication.type` tells Cloud
 * Elements which, as on its HubSpot "Authenticate" page.
 */
export const hubspot: ElementDefinition = {
	key: 'hubspot',
	displayName: 'HubSpot',
	logins: [
		{
			name: 'API Key',
			type: 'apiKey',
			setupHint:
				'In your HubSpot developer account, click Get HAPIkey. HubSpot has been retiring API keys: where the account has none, choose OAuth 2.',
			configuration: [
				{
					displayName: 'API Key',
					name: 'apiKey',
					key: 'hubspot.authorization.apikey',
					type: 'string',
					typeOptions: { password: true },
					required: true,
					default: '',
					description: 'The HubSpot API key (HAPIkey): in your HubSpot developer account, Get HAPIkey (top right)',
				},
			],
			v1: { name: 'hubspotApiKey', operation: 'provisionHubspotApiKey' },
		},
		{
			name: 'OAuth 2',
			type: 'oauth2',
			setupHint:
				'In your HubSpot developer account, open the app for its client ID and secret; the authorization code comes from the OAuth URL Cloud Elements gives for the hubspot element',
			configuration: oauthCodeFlowFields({
				provider: 'HubSpot',
				where: 'in your HubSpot developer account, open the app',
				clientIdExample: '5b4f1e2c-8a7d-4c3e-9f10-2d6b8e7a1c40',
			}),
			v1: { name: 'hubspotOAuth', operation: 'provisionHubspotOAuth' },
		},
	],
};
