import { oauthCodeFlowFields } from './oauth';
import type { ElementDefinition } from './types';

/** Oracle Eloqua, with OAuth 2 through an AppCloud app, as on Cloud Elements' Eloqua page. */
export const eloqua: ElementDefinition = {
	key: 'eloqua',
	displayName: 'Oracle Eloqua',
	logins: [
		{
			setupHint:
				'In Eloqua, Settings > AppCloud Developer > your app, section Authentication to Eloqua, shows the client ID, secret and OAuth callback URL; the authorization code comes from the OAuth URL Cloud Elements gives for the eloqua element',
			configuration: oauthCodeFlowFields({
				provider: 'Oracle Eloqua',
				where: 'Settings > AppCloud Developer > your app, section Authentication to Eloqua',
				clientIdExample: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
			}),
		},
	],
};
