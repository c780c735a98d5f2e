import { oauthCodeFlowFields } from './oauth';
import type { ElementDefinition } from './types';

/*
 * HubSpot Marketing takes either login; `authentication.type` tells Cloud
 * Elements which, as on its HubSpot "Authenticate" page.
 */

export const hubspotApiKey: ElementDefinition = {
	key: 'hubspot',
	id: 'hubspotApiKey',
	displayName: 'HubSpot (API Key)',
	elementName: 'HubSpot',
	authentication: 'apiKey',
	setupHint:
		'In your HubSpot developer account, click Get HAPIkey. HubSpot has been retiring API keys: where the account has none, use HubSpot (OAuth).',
	fixed: { configuration: { 'authentication.type': 'apiKey' } },
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
};

export const hubspotOAuth: ElementDefinition = {
	key: 'hubspot',
	id: 'hubspotOAuth',
	displayName: 'HubSpot (OAuth)',
	elementName: 'HubSpot',
	authentication: 'oauth2',
	setupHint:
		'In your HubSpot developer account, open the app for its client ID and secret; the authorization code comes from the OAuth URL Cloud Elements gives for the hubspot element',
	fixed: { configuration: { 'authentication.type': 'oauth2' } },
	configuration: oauthCodeFlowFields({
		provider: 'HubSpot',
		where: 'in your HubSpot developer account, open the app',
		clientIdExample: '5b4f1e2c-8a7d-4c3e-9f10-2d6b8e7a1c40',
	}),
};
