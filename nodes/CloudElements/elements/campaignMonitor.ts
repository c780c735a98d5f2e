import { oauthCodeFlowFields } from './oauth';
import type { ElementDefinition } from './types';

/**
 * Campaign Monitor takes either an account's API key or OAuth 2;
 * `authentication.type` tells Cloud Elements which, as on its Campaign
 * Monitor "Authenticate" page.
 */
export const campaignMonitor: ElementDefinition = {
	key: 'campaignmonitor',
	displayName: 'Campaign Monitor',
	logins: [
		{
			name: 'API Key',
			// Campaign Monitor takes the API key as the username of HTTP Basic authentication.
			type: 'basic',
			setupHint: 'In Campaign Monitor, your profile (top right) > Account settings > API keys',
			configuration: [
				{
					displayName: 'API Key',
					name: 'apiKey',
					key: 'username',
					type: 'string',
					typeOptions: { password: true },
					required: true,
					default: '',
					description: 'The Campaign Monitor API key: your profile (top right) > Account settings > API keys',
				},
			],
			v1: { name: 'campaignmonitorApiKey', operation: 'provisionCampaignmonitorApiKey' },
		},
		{
			name: 'OAuth 2',
			type: 'oauth2',
			setupHint:
				'In Campaign Monitor, Account settings > Manage connected apps > OAuth Registration registers the app and shows its client ID and secret; the authorization code comes from the OAuth URL Cloud Elements gives for the campaignmonitor element',
			configuration: oauthCodeFlowFields({
				provider: 'Campaign Monitor',
				where: 'Account settings > Manage connected apps, the app registered under OAuth Registration',
				clientIdExample: '123456',
			}),
			v1: { name: 'campaignmonitorOAuth', operation: 'provisionCampaignmonitorOAuth' },
		},
	],
};
