'use strict';

/**
 * The fake's own knowledge of the elements, written from Cloud Elements'
 * "Create Instance" pages (not from the node's definitions, so the node is
 * checked against the documents rather than against itself).
 */
const elements = {
	pardot: {
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
		required: ['apikey.user.name', 'apikey.user.password', 'apikey.user.key'],
		allowed: { 'provider.version': ['3', '4'] },
		defaults: { 'provider.version': '3', 'base.url': 'https://pi.pardot.com/api' },
		// Password-typed entries read back masked, as Cloud Elements does.
		masked: ['apikey.user.password'],
	},
	autopilot: {
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
		},
		required: ['api.key'],
		allowed: {},
		defaults: {
			'base.url': 'https://api2.autopilothq.com/v1',
			'pagination.max': '100',
			'pagination.type': 'cursor',
			'pagination.page.startindex': '1',
			'event.vendor.type': 'webhooks',
			'event.notification.enabled': 'false',
			'event.notification.callback.url': 'false',
		},
		// The Autopilot sample response echoes api.key in clear.
		masked: [],
	},
	// Elements the node has no definition for, as other tools in the account provision them.
	// Their secrets come back in clear, as some elements echo them.
	mailchimp: {
		summary: { id: 421, name: 'MailChimp', key: 'mailchimp', hub: 'marketing', active: true, typeOauth: false },
		required: ['api.key'],
		allowed: {},
		defaults: { 'base.url': 'https://us1.api.mailchimp.com/3.0' },
		masked: [],
	},
	hubspot: {
		summary: { id: 1136, name: 'HubSpot Marketing', key: 'hubspot', hub: 'marketing', active: true, typeOauth: true },
		required: ['oauth.api.key', 'oauth.api.secret'],
		allowed: {},
		defaults: { 'authentication.type': 'oauth2', 'oauth.callback.url': 'https://example.com/callback' },
		masked: [],
	},
};

module.exports = { elements };
