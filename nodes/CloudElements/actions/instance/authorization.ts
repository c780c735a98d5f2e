import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readCallback } from '../../helpers/oauthCallback';
import { readText } from '../../helpers/parameters';

/** How an instance is authorized beyond its configuration, and what that adds to the body. */
export interface Authorization {
	/** `providerData` of the body: the callback's code and extras. */
	providerData?: IDataObject;
	/** Configuration entries it brings, e.g. the refresh token. */
	configuration: IDataObject;
	/** Top-level body fields, e.g. `externalAuthentication`. */
	body: IDataObject;
}

/** The conditions under which fields show: the operations, and maybe other parameters' values. */
export type ShownWhen = { operation: string[] } & Record<string, string[]>;

/** What an element without an authorization step adds: nothing. */
export const NO_AUTHORIZATION: Authorization = { configuration: {}, body: {} };

export type AuthorizationChoice = 'configuration' | 'refreshToken' | 'callback';

const CHOICES = [
	{
		name: 'Configuration Only',
		value: 'configuration',
		description: 'API keys, passwords and the like, all in the configuration',
	},
	{
		name: 'Existing Refresh Token',
		value: 'refreshToken',
		description: 'An OAuth refresh token you already hold: no customer round trip',
	},
	{
		name: 'OAuth Callback',
		value: 'callback',
		description:
			'The code the provider sent to your callback URL after the customer allowed access (see Get OAuth Authorization URL)',
	},
];

/** The Authorization choice, offering `choices`, and the fields of each, where `shownWhen` holds. */
export function authorizationFields(
	shownWhen: ShownWhen,
	choices: AuthorizationChoice[],
	defaultChoice: AuthorizationChoice,
): INodeProperties[] {
	const show = (authorization: AuthorizationChoice) => ({ show: { ...shownWhen, authorization: [authorization] } });
	const fields: INodeProperties[] = [
		{
			displayName: 'Authorization',
			name: 'authorization',
			type: 'options',
			default: defaultChoice,
			options: CHOICES.filter((choice) => choices.includes(choice.value as AuthorizationChoice)),
			displayOptions: { show: shownWhen },
		},
	];
	if (choices.includes('callback')) fields.push(...callbackFields(show('callback')));
	if (choices.includes('refreshToken')) fields.push(refreshTokenField(show('refreshToken')));
	return fields;
}

function callbackFields(displayOptions: INodeProperties['displayOptions']): INodeProperties[] {
	return [
		{
			displayName: 'Callback Query',
			name: 'callbackQuery',
			type: 'json',
			default: '={{ $json.query }}',
			description:
				"The query of the provider's redirect to your callback URL, as a Webhook node outputs it: the code and any extras go to Cloud Elements",
			displayOptions,
		},
		{
			displayName: 'Expected State',
			name: 'expectedState',
			type: 'string',
			default: '',
			description:
				'The state Get OAuth Authorization URL gave this customer; a callback with another state is refused as forged or stale',
			displayOptions,
		},
		{
			displayName: 'Request Token Secret',
			name: 'requestTokenSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'OAuth 1 elements only: the request token secret Get OAuth Authorization URL output',
			displayOptions,
		},
	];
}

function refreshTokenField(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Refresh Token',
		name: 'refreshToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: "The customer's OAuth refresh token; Cloud Elements refreshes it from then on",
		displayOptions,
	};
}

/** Reads the item's Authorization choice into what it adds to the `POST /instances` body. */
export function readAuthorization(ctx: IExecuteFunctions, itemIndex: number, problems: string[]): Authorization {
	const authorization = ctx.getNodeParameter('authorization', itemIndex, 'configuration') as string;
	if (authorization === 'refreshToken') {
		const refreshToken = readText('Refresh Token', ctx.getNodeParameter('refreshToken', itemIndex, ''), problems);
		return {
			configuration: { 'oauth.user.refresh_token': refreshToken },
			// Cloud Elements' way to skip the authorization round trip.
			body: { externalAuthentication: 'initial' },
		};
	}
	if (authorization !== 'callback') return NO_AUTHORIZATION;
	const providerData = readCallback(
		ctx,
		itemIndex,
		{
			query: ctx.getNodeParameter('callbackQuery', itemIndex, {}),
			expectedState: String(ctx.getNodeParameter('expectedState', itemIndex, '')).trim(),
			requestTokenSecret: String(ctx.getNodeParameter('requestTokenSecret', itemIndex, '')),
		},
		problems,
	);
	return { providerData, configuration: {}, body: {} };
}
