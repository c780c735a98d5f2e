import { randomBytes } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { assertNoProblems, readText } from '../../helpers/parameters';
import type { CloudElementsClient } from '../../transport';
import { elementLocator } from '../common.descriptions';
import type { ExecutionRun, Operation, PreparedCall } from '../operation';

const option = {
	name: 'Get OAuth Authorization URL',
	value: 'getOAuthUrl',
	description: "The provider's page where a customer allows access, for an OAuth element; its callback brings the code to provision with",
	action: 'Get an OAuth authorization URL for an element',
} satisfies Operation['option'];

const show = { show: { operation: [option.value] } };

const description: INodeProperties[] = [
	{ ...elementLocator(), required: true, displayOptions: show },
	{
		displayName: 'Client ID',
		name: 'oauthClientId',
		type: 'string',
		required: true,
		default: '',
		description: "Your app's client ID (consumer key) at the provider; sent as oauth.api.key when provisioning",
		displayOptions: show,
	},
	{
		displayName: 'Client Secret',
		name: 'oauthClientSecret',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: "Your app's client secret at the provider; sent as oauth.api.secret when provisioning",
		displayOptions: show,
	},
	{
		displayName: 'Callback URL',
		name: 'oauthCallbackUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://n8n.example.com/webhook/oauth-callback',
		description:
			'Where the provider sends the customer back, registered in your app at the provider: a Webhook node with a fixed path. Provision with the same URL as the callback URL configuration entry.',
		displayOptions: show,
	},
	{
		displayName: 'OAuth Version',
		name: 'oauthVersion',
		type: 'options',
		default: 'oauth2',
		options: [
			{ name: 'OAuth 2', value: 'oauth2' },
			{
				name: 'OAuth 1',
				value: 'oauth1',
				description: 'Gets a request token first; its secret is output for provisioning',
			},
		],
		displayOptions: show,
	},
	{
		displayName: 'Options',
		name: 'oauthOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Scope',
				name: 'scope',
				type: 'string',
				default: '',
				placeholder: 'e.g. contacts forms',
				description: 'The scopes to ask for, separated by spaces, as the provider names them',
			},
			{
				displayName: 'State Suffix',
				name: 'stateSuffix',
				type: 'string',
				default: '',
				placeholder: 'e.g. customer-42',
				description:
					'Appended to the random state, e.g. the customer ID by expression, so the callback says whose it is',
			},
			{
				displayName: 'Site Address',
				name: 'siteAddress',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://test.salesforce.com',
				description: "The provider's login or site host, for elements that need one (SharePoint, a Salesforce sandbox)",
			},
			{
				displayName: 'Extra Parameters',
				name: 'extras',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				description: 'Element-specific parameters passed on as they are, e.g. authentication.type',
				options: [
					{
						name: 'parameter',
						displayName: 'Parameter',
						values: [
							{ displayName: 'Name', name: 'name', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
		],
	},
];

function prepareGetOAuthUrl(this: IExecuteFunctions, itemIndex: number, { client }: ExecutionRun): PreparedCall {
	const problems: string[] = [];
	const key = readText('Element', this.getNodeParameter('element', itemIndex, '', { extractValue: true }), problems);
	const apiKey = readText('Client ID', this.getNodeParameter('oauthClientId', itemIndex, ''), problems);
	const apiSecret = readText('Client Secret', this.getNodeParameter('oauthClientSecret', itemIndex, ''), problems);
	const callbackUrl = readText('Callback URL', this.getNodeParameter('oauthCallbackUrl', itemIndex, ''), problems);
	if (callbackUrl && !/^https?:\/\/[^\s]+$/i.test(callbackUrl)) problems.push('Callback URL must be an http(s) URL');
	const oauth1 = this.getNodeParameter('oauthVersion', itemIndex, 'oauth2') === 'oauth1';
	const options = this.getNodeParameter('oauthOptions', itemIndex, {}) as IDataObject;
	const extras = ((options.extras as IDataObject | undefined)?.parameter ?? []) as Array<{ name: string; value: string }>;
	assertNoProblems(this, problems, itemIndex, 'Invalid fields');

	// Unguessable, so a forged callback cannot pass for this customer's.
	const suffix = String(options.stateSuffix ?? '').trim();
	const state = `${randomBytes(16).toString('hex')}${suffix ? `.${suffix}` : ''}`;
	const qs: IDataObject = {
		...Object.fromEntries(extras.filter((extra) => extra.name).map((extra) => [extra.name, extra.value])),
		apiKey,
		apiSecret,
		callbackUrl,
		state,
		...(options.scope ? { scope: options.scope } : {}),
		...(options.siteAddress ? { siteAddress: options.siteAddress } : {}),
	};
	const path = `/elements/${encodeURIComponent(key)}/oauth`;
	const secrets = [apiSecret];

	return async () => {
		const requestToken = oauth1 ? await getRequestToken(client, itemIndex, path, qs, secrets) : undefined;
		const answer = await client.request<IDataObject>(itemIndex, {
			method: 'GET',
			path: `${path}/url`,
			qs: { ...qs, ...(requestToken && { requestToken: requestToken.token }) },
			secrets,
			checkBody: (body) => (typeof (body as IDataObject)?.oauthUrl === 'string' ? undefined : 'no oauthUrl'),
		});
		return {
			oauthUrl: answer.oauthUrl,
			state,
			element: key,
			...(requestToken && { requestToken: requestToken.token, requestTokenSecret: requestToken.secret }),
		};
	};
}

/** OAuth 1's first step: a request token, whose secret the provisioning needs. */
async function getRequestToken(
	client: CloudElementsClient,
	itemIndex: number,
	path: string,
	qs: IDataObject,
	secrets: string[],
): Promise<{ token: string; secret: string }> {
	const { apiKey, apiSecret, callbackUrl } = qs;
	return await client.request(itemIndex, {
		method: 'GET',
		path: `${path}/token`,
		qs: { apiKey, apiSecret, callbackUrl },
		secrets,
		checkBody: (body) => (typeof (body as IDataObject)?.token === 'string' ? undefined : 'no request token'),
	});
}

export const getOAuthUrlOperation: Operation = { option, description, prepare: prepareGetOAuthUrl };
