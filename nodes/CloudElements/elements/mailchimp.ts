import { oauthCodeFlowFields } from './oauth';
import type { ElementDefinition } from './types';

/** Mailchimp through Cloud Elements' v3 element, which logs in with OAuth 2 only. */
export const mailchimp: ElementDefinition = {
	key: 'mailchimpv3',
	displayName: 'Mailchimp',
	logins: [
		{
			setupHint:
				'In Mailchimp, your profile (top right) > Account > Extras > Registered apps > Edit shows the client ID, secret and redirect URI; the authorization code comes from the OAuth URL Cloud Elements gives for the mailchimpv3 element',
			configuration: oauthCodeFlowFields({
				provider: 'Mailchimp',
				where: 'your profile (top right) > Account > Extras > Registered apps > Edit',
				clientIdExample: '123456789012',
			}),
		},
	],
};
