import type { ConfigField } from './types';

/** The app a customer registers at a provider to let Cloud Elements in with OAuth 2. */
export interface OAuthApp {
	/** Provider name as users know it, e.g. `HubSpot`. */
	provider: string;
	/** Where the provider shows the app's client ID and secret, e.g. `Settings > AppCloud Developer > your app`. */
	where: string;
	/** A made-up client ID in the provider's format, for the placeholder. */
	clientIdExample: string;
}

/**
 * Client ID and secret of the customer's app, under the keys every Cloud
 * Elements OAuth 2 element takes them as (`oauth.api.key`, `oauth.api.secret`).
 */
export function oauthClientFields({ provider, where, clientIdExample }: OAuthApp): ConfigField[] {
	return [
		{
			displayName: 'Client ID',
			name: 'clientId',
			key: 'oauth.api.key',
			type: 'string',
			required: true,
			default: '',
			placeholder: `e.g. ${clientIdExample}`,
			description: `Client ID of the app registered with ${provider}: ${where}`,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			key: 'oauth.api.secret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: `Client secret of the same ${provider} app, shown next to its client ID`,
		},
	];
}

/** The callback URL entry: the mark of a login with the authorization code flow (see `takesConsent`). */
export const CALLBACK_URL_KEY = 'oauth.callback.url';

/**
 * The authorization code flow: besides the client, the callback URL the app
 * registered. The code the provider sends there comes through the
 * operation's Authorization fields (the callback's query, checked), which
 * every login with a callback URL gets.
 */
export function oauthCodeFlowFields(app: OAuthApp): ConfigField[] {
	return [
		...oauthClientFields(app),
		{
			displayName: 'Callback URL',
			name: 'callbackUrl',
			key: CALLBACK_URL_KEY,
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://example.com/oauth/callback',
			description: `Redirect URL registered with the ${app.provider} app, the same one the authorization URL was requested with`,
		},
	];
}
