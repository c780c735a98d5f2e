'use strict';

/**
 * The fake's own knowledge of the elements, written from Cloud Elements'
 * "Create Instance" pages and the research notes (not from the node's
 * definitions, so the node is checked against the documents rather than
 * against itself). catalog.js adds the rest of the catalog.
 */
const crypto = require('node:crypto');

const { field, hidden, internal, baseUrl, oauthApp, oauthTokens, eventFields, summary, defineElement } = require('./metadata');
const { generated } = require('./catalog');

const OAUTH_APP_KEYS = ['oauth.api.key', 'oauth.api.secret', 'oauth.callback.url'];

// Pardot: the legacy Pardot login (user name, password, user key; no authentication.type) as the
// "Create Instance" page has it, and the newer Salesforce OAuth 2 (research §3.1: authentication.type
// "oauth2", pardot.sandbox, oauth.api.key, oauth.business.unit.id, oauth.api.secret; plus, as every
// OAuth 2 code grant, oauth.callback.url and providerData.code). The page's oauth2password and
// jwtOauth types are left out: no source gives their keys.
const pardot = defineElement({
	summary: {
		id: 90,
		name: 'Pardot',
		hookName: 'Pardot',
		key: 'pardot',
		description:
			'Add a Pardot Instance to connect your existing Pardot account to the Marketing Hub, allowing you to manage accounts, campaigns, contacts, leads etc. across multiple Marketing Elements. You will need your Pardot account information to add an instance.',
		image: 'elements/provider_pardot.png',
		active: true,
		deleted: false,
		typeOauth: false,
		trialAccount: false,
		authentication: { type: 'apiKey' },
		hub: 'marketing',
		protocolType: 'http',
	},
	fields: [
		field('apikey.user.name', 'Username', 'TEXTFIELD_128', { required: true, description: 'Pardot username (login email)' }),
		field('apikey.user.password', 'Password', 'PASSWORD', { required: true }),
		field('apikey.user.key', 'User Key', 'PASSWORD', { required: true, description: 'Pardot API User Key' }),
		field('provider.version', 'API Version', 'TEXTFIELD_32', { defaultValue: '3', description: 'Pardot API version, 3 or 4' }),
		field('authentication.type', 'Authentication type', 'TEXTFIELD_32', {
			required: true,
			defaultValue: 'apiKey',
			description: 'The method using which you want to authenticate: apiKey (Pardot user key) or oauth2 (Salesforce SSO)',
		}),
		field('pardot.sandbox', 'Connect to Sandbox', 'BOOLEAN', { defaultValue: 'false' }),
		field('oauth.api.key', 'OAuth API Key', 'TEXTFIELD_128', { required: true, description: 'The OAuth API Key.' }),
		field('oauth.business.unit.id', 'OAuth2 Business Unit Id', 'TEXTFIELD_64', {
			required: true,
			description: 'The OAuth2 Business Unit Id.',
		}),
		field('oauth.api.secret', 'OAuth API secret', 'PASSWORD', { required: true, description: 'The Oauth API secret.' }),
		field('oauth.callback.url', 'OAuth Callback URL', 'TEXTFIELD_1000', { required: true }),
		...oauthTokens(),
		baseUrl('https://pi.pardot.com/api'),
		...eventFields('polling'),
	],
	auth: {
		apiKey: { keys: ['apikey.user.name', 'apikey.user.password', 'apikey.user.key'] },
		oauth2: { grant: 'code', keys: ['oauth.api.key', 'oauth.business.unit.id', 'oauth.api.secret', 'oauth.callback.url'] },
	},
	allowed: { 'provider.version': ['3', '4'], 'authentication.type': ['apiKey', 'oauth2'] },
	// Whether the user key reads back masked is not documented; echoing it keeps the node's own masking under test.
	echoes: ['apikey.user.key'],
	// What a legacy instance has always started with: no authentication.type, no pardot.sandbox.
	defaults: { 'provider.version': '3', 'base.url': 'https://pi.pardot.com/api' },
});

const autopilot = defineElement({
	summary: {
		id: 503,
		name: 'AutoPilot',
		key: 'autopilot',
		description: 'Easy and visual marketing software for automating the customer journey',
		image: 'http://dfsm9194vna0o.cloudfront.net/695418-0-BrandMarqueBlack.png',
		active: true,
		deleted: false,
		typeOauth: false,
		trialAccount: false,
		resources: [],
		// Not in the 2016 sample response; the catalog needs them.
		authentication: { type: 'apiKey' },
		hub: 'marketing',
	},
	fields: [
		field('api.key', 'API Key', 'PASSWORD', { required: true, description: 'Autopilot API key' }),
		baseUrl('https://api2.autopilothq.com/v1'),
		hidden('pagination.max', 'Max Page Size (or limit)', 'TEXTFIELD_32', '100'),
		hidden('pagination.type', 'Pagination Type', 'TEXTFIELD_32', 'cursor'),
		hidden('pagination.page.startindex', 'Pagination Start Index', 'TEXTFIELD_32', '1'),
		...eventFields('webhooks'),
	],
	auth: { apiKey: {} },
	// The Autopilot sample response echoes api.key in clear.
	echoes: ['api.key'],
	defaults: {
		'base.url': 'https://api2.autopilothq.com/v1',
		'pagination.max': '100',
		'pagination.type': 'cursor',
		'pagination.page.startindex': '1',
		'event.vendor.type': 'webhooks',
		'event.notification.enabled': 'false',
		'event.notification.callback.url': 'false',
	},
});

// Elements the node has no definition for, as other tools in the account provision them.
// Their secrets come back in clear (as some elements echo them), so the node's masking is tested.
const mailchimp = defineElement({
	summary: summary({ id: 421, key: 'mailchimp', name: 'MailChimp', hub: 'marketing', authentication: 'apiKey' }),
	fields: [
		field('api.key', 'API Key', 'PASSWORD', { required: true }),
		baseUrl('https://us1.api.mailchimp.com/3.0'),
		...eventFields('webhooks'),
	],
	auth: { apiKey: {} },
	echoes: ['api.key'],
	defaults: { 'base.url': 'https://us1.api.mailchimp.com/3.0' },
});

// HubSpot Marketing: OAuth 2 (authorization code) or a HubSpot API key, by `authentication.type`.
const hubspot = defineElement({
	summary: summary({ id: 43, key: 'hubspot', name: 'HubSpot Marketing', hub: 'marketing', authentication: 'oauth2' }),
	fields: [
		field('authentication.type', 'Authentication Type', 'TEXTFIELD_32', {
			required: true,
			defaultValue: 'oauth2',
			description: 'oauth2 or apiKey',
		}),
		...oauthApp(),
		field('hubspot.authorization.apikey', 'API Key', 'PASSWORD', { required: true, description: 'HubSpot API key' }),
		field('create.bulk.properties', 'Create Bulk Properties', 'BOOLEAN', { defaultValue: 'false' }),
		...oauthTokens(),
		baseUrl('https://api.hubapi.com'),
		...eventFields('webhooks'),
	],
	auth: { oauth2: { grant: 'code', keys: OAUTH_APP_KEYS }, apiKey: { keys: ['hubspot.authorization.apikey'] } },
	allowed: { 'authentication.type': ['oauth2', 'apiKey'] },
	// Echoed in clear, like mailchimp's key, so the node's own masking of other elements is tested.
	echoes: ['oauth.api.secret', 'hubspot.authorization.apikey', 'oauth.user.token', 'oauth.user.refresh_token'],
});

// OAuth 2 client credentials: no user consent, so no providerData.code.
// typeOauth false: there is no authorization page to send the user to.
const marketo = defineElement({
	summary: summary({ id: 85, key: 'marketo', name: 'Marketo', hub: 'marketing', authentication: 'oauth2', typeOauth: false }),
	fields: [
		field('oauth.api.key', 'Client ID', 'TEXTFIELD_128', { required: true }),
		field('oauth.api.secret', 'Client Secret', 'PASSWORD', { required: true }),
		field('marketo.identity.url', 'Identity URL', 'TEXTFIELD_1000', { required: true }),
		// Marketo's REST URL is the account's own, so here base.url is the user's to give.
		field('base.url', 'REST API URL', 'TEXTFIELD_1000', { required: true }),
		...oauthTokens(),
		...eventFields('polling'),
	],
	auth: { oauth2: { grant: 'clientCredentials' } },
});

const mailchimpv3 = defineElement({
	summary: summary({ id: 527, key: 'mailchimpv3', name: 'MailChimp v3', hub: 'marketing', authentication: 'oauth2' }),
	fields: [...oauthApp(), ...oauthTokens(), baseUrl('https://us1.api.mailchimp.com/3.0'), ...eventFields('webhooks')],
	auth: { oauth2: { grant: 'code' } },
});

const eloqua = defineElement({
	summary: summary({ id: 27, key: 'eloqua', name: 'Oracle Eloqua', hub: 'marketing', authentication: 'oauth2' }),
	fields: [...oauthApp(), ...oauthTokens(), baseUrl('https://login.eloqua.com'), ...eventFields('polling')],
	auth: { oauth2: { grant: 'code' } },
});

// Campaign Monitor: Basic, its API key as the username, or OAuth 2, by `authentication.type`.
const campaignmonitor = defineElement({
	summary: summary({ id: 3928, key: 'campaignmonitor', name: 'Campaign Monitor', hub: 'marketing', authentication: 'basic' }),
	fields: [
		field('authentication.type', 'Authentication Type', 'TEXTFIELD_32', {
			required: true,
			defaultValue: 'basic',
			description: 'basic or oauth2',
		}),
		field('username', 'API Key', 'PASSWORD', { required: true, description: 'Campaign Monitor API key' }),
		...oauthApp(),
		...oauthTokens(),
		baseUrl('https://api.createsend.com/api/v3.2'),
		...eventFields('webhooks'),
	],
	auth: { basic: { keys: ['username'] }, oauth2: { grant: 'code', keys: OAUTH_APP_KEYS } },
	allowed: { 'authentication.type': ['basic', 'oauth2'] },
});

const icontact = defineElement({
	summary: summary({ id: 4376, key: 'icontact', name: 'iContact', hub: 'marketing', authentication: 'custom' }),
	fields: [
		field('api.version', 'API Version', 'TEXTFIELD_32', { required: true, description: 'iContact API version, e.g. 2.0' }),
		field('api.username', 'Username', 'TEXTFIELD_128', { required: true }),
		field('api.password', 'API Password', 'PASSWORD', { required: true }),
		field('AppID', 'App ID', 'TEXTFIELD_128', { required: true, description: 'Spelled so on Cloud Elements\' iContact pages' }),
		baseUrl('https://app.icontact.com/icp'),
		...eventFields('polling'),
	],
	auth: { custom: {} },
});

// QuickBooks Online, the fake's OAuth 1 element, as devportal docs/elements/quickbooksonline/authenticate.md
// documents it: OAuth 1.0a by default (the element's authentication type is "oauth1": apps made before
// July 17, 2017), OAuth 2 with `authentication.type` "oauth2" in the configuration and in /oauth/url.
// The consent callback adds the company's `realmId`, and for OAuth 1 its `dataSource`.
const quickbooks = defineElement({
	summary: summary({
		id: 39,
		key: 'quickbooks',
		name: 'QuickBooks Online',
		hub: 'finance',
		authentication: 'oauth1',
		typeOauth: true,
	}),
	fields: [
		field('authentication.type', 'Authentication Type', 'TEXTFIELD_32', {
			required: true,
			defaultValue: 'oauth1',
			description: 'oauth1 or oauth2',
		}),
		...oauthApp(),
		...oauthTokens(),
		internal('oauth.user.token.secret', 'OAuth Token Secret', 'PASSWORD'),
		field('use_sandbox', 'Use Sandbox', 'BOOLEAN', { defaultValue: 'false' }),
		baseUrl('https://quickbooks.api.intuit.com/v3'),
		...eventFields('polling'),
	],
	auth: {
		oauth1: { grant: 'oauth1', callback: { realmId, dataSource: () => 'QBO' } },
		oauth2: { grant: 'code', callback: { realmId } },
	},
	allowed: { 'authentication.type': ['oauth1', 'oauth2'] },
});

const mailjetmarketing = defineElement({
	summary: summary({ id: 87, key: 'mailjetmarketing', name: 'Mailjet Marketing', hub: 'marketing', authentication: 'custom' }),
	fields: [
		field('mailjetmarketing.api.key', 'API Key', 'TEXTFIELD_128', { required: true }),
		field('mailjetmarketing.api.secret', 'Secret Key', 'PASSWORD', { required: true }),
		baseUrl('https://api.mailjet.com/v3'),
		...eventFields('polling'),
	],
	auth: { custom: {} },
});

// As captured in devportal docs/elements/clover/clover.json, quirks included: typeOauth false,
// the secret a TEXTFIELD_128 (so it reads back in clear), required fields with defaults.
const clover = defineElement({
	summary: {
		...summary({
			id: 5217,
			key: 'clover',
			name: 'Clover',
			hub: 'employee',
			authentication: 'oauth2',
			typeOauth: false,
			image: 'elements/custom-element-default-logo.png',
			description:
				'Add a Clover Instance to connect your existing Clover account to the Employees Hub, allowing you to manage roles, timesheets, employees, etc. across multiple Employee Elements. You will need your Clover  account information to add an instance.',
		}),
		cloneable: true,
		extendable: false,
	},
	fields: [
		hidden('bulk.query.date_mask', 'Bulk query Date Mask', 'TEXTFIELD_128', "yyyy-MM-dd'T'HH:mm:ssXXX"),
		field('oauth.api.key', 'OAuth API Key', 'TEXTFIELD_128', { required: true }),
		field('oauth.api.secret', 'OAuth API Secret', 'TEXTFIELD_128', { required: true }),
		internal('oauth.authorization.url', 'OAuth Authorization URL', 'TEXTFIELD_1000', 'https://clover.com/oauth/authorize', {
			required: true,
		}),
		hidden('pagination.type', 'Pagination Type', 'TEXTFIELD_32', 'page'),
		hidden('pagination.max', 'Max Page Size (or limit)', 'TEXTFIELD_32', '100'),
		hidden('oauth.basic.header', 'OAuth basic header', 'BOOLEAN', 'true'),
		internal('oauth.user.refresh_time', 'OAuth Refresh Time', 'TEXTFIELD_64'),
		internal('oauth.user.refresh_token', 'OAuth Refresh Token', 'TEXTFIELD_64'),
		internal('oauth.user.refresh_interval', 'OAuth Refresh Interval (s)', 'TEXTFIELD_32', '3600'),
		internal('oauth.user.token', 'OAuth Access Token', 'TEXTFIELD_32'),
		internal('oauth.token.url', 'OAuth Token URL', 'TEXTFIELD_1000', 'https://clover.com/oauth/token', { required: true }),
		field('oauth.callback.url', 'OAuth Callback URL', 'TEXTFIELD_1000', {
			required: true,
			defaultValue: 'https://console.cloud-elements.com/elements/jsp/home.jsp',
		}),
		baseUrl('https://api.clover.com'),
		hidden('bulk.attribute.created_time', 'Bulk query Created Field Name', 'TEXTFIELD_128'),
		hidden('bulk.query.field_name', 'Bulk query FieldName', 'TEXTFIELD_128', 'modifiedTime'),
		hidden('bulk.query.operator', 'Bulk query Operator', 'TEXTFIELD_128', '>='),
		hidden('bulk.relations', 'Bulk Relations', 'TEXTAREA'),
		hidden('oauth.scope', 'OAuth Scope', 'TEXTFIELD_64', 'read'),
		hidden('payments_configs', 'Payments Configs', 'TEXTAREA'),
		hidden('pagination.page.startindex', 'Pagination Start Index', 'TEXTFIELD_32', '0'),
		internal('oauth.token.refresh_url', 'OAuth Token Refresh URL', 'TEXTFIELD_1000'),
		field('clover.sandbox', 'Sandbox', 'BOOLEAN', {
			required: true,
			defaultValue: 'false',
			description: 'If you want to connect with clover sandbox, select TRUE',
		}),
		field('merchantId', 'Marchant ID', 'TEXTFIELD_64', {
			required: true,
			description: 'The Clover merchant ID, found in App settings under Merchants tab.',
		}),
		hidden('bulk.query.download_format', 'Bulk Download Format', 'TEXTFIELD_128', 'JSON'),
		hidden('bulk.add_metadata', 'Bulk Add Metadata', 'TEXTFIELD_128'),
		...eventFields('polling'),
		{
			...field('event.poller.configuration', 'Event Poller Resources Configuration', 'TEXTAREA', {
				defaultValue: JSON.stringify({
					employees: { url: "/hubs/employee/employees?where=modifiedTime>'${gmtDate:yyyy-MM-dd'T'HH:mm:ssXXX}'", idField: 'id' },
					roles: { url: "/hubs/employee/roles?where=modifiedTime>'${gmtDate:yyyy-MM-dd'T'HH:mm:ssXXX}'", idField: 'id' },
				}),
			}),
			displayOrder: 104,
		},
	],
	auth: { oauth2: { grant: 'code' } },
});

/** A QuickBooks company id, as Intuit's callbacks carry it: 15 digits. */
function realmId() {
	return `12314${crypto.randomInt(1e9, 1e10)}`;
}

/** Every element, keyed by element key. */
const elements = Object.fromEntries(
	[
		pardot,
		autopilot,
		mailchimp,
		hubspot,
		marketo,
		mailchimpv3,
		eloqua,
		campaignmonitor,
		quickbooks,
		icontact,
		mailjetmarketing,
		clover,
	]
		.concat(generated)
		.map((element) => [element.summary.key, element]),
);

/** The catalog as GET /elements lists it: by element id. */
const catalog = Object.values(elements).sort((a, b) => a.summary.id - b.summary.id);

/** The element with this key (a plain lookup would find `constructor` too). */
const elementByKey = (key) => (Object.hasOwn(elements, key) ? elements[key] : undefined);

/** The element with this key, or with this numeric id. */
function findElement(keyOrId) {
	if (!/^\d+$/.test(keyOrId)) return elementByKey(keyOrId);
	return catalog.find((element) => element.summary.id === Number(keyOrId));
}

module.exports = { catalog, elementByKey, findElement };
