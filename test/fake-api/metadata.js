'use strict';

/**
 * Builders for element metadata in the shape `GET /elements/{keyOrId}` answers,
 * modelled on the Clover response captured in Cloud Elements' devportal
 * (docs/elements/clover/clover.json), and the rules the fake derives from it.
 */

const BOOLEAN_VALUES = ['true', 'false'];

/** A field the user fills in. */
function field(key, name, type, { required = false, defaultValue, description = name } = {}) {
	return { key, name, type, required, defaultValue, description, internal: false, hideFromConsole: false };
}

/** A value the console hides and the element supplies itself (base.url, pagination). */
function hidden(key, name, type, defaultValue, { required = false } = {}) {
	return { key, name, type, required, defaultValue, description: name, internal: false, hideFromConsole: true };
}

/** A value the platform manages (tokens, refresh times, the event mechanism): never the user's to send. */
function internal(key, name, type, defaultValue, { required = false } = {}) {
	return { key, name, type, required, defaultValue, description: name, internal: true, hideFromConsole: true };
}

/** The provider's API root: required, but hidden and defaulted, as Clover's `base.url` is. */
const baseUrl = (url) => hidden('base.url', 'Base Url', 'TEXTFIELD_1000', url, { required: true });

/** The client app an OAuth 2 authorization-code element is registered with at the provider. */
function oauthApp() {
	return [
		field('oauth.api.key', 'OAuth API Key', 'TEXTFIELD_128', { required: true }),
		field('oauth.api.secret', 'OAuth API Secret', 'PASSWORD', { required: true }),
		field('oauth.callback.url', 'OAuth Callback URL', 'TEXTFIELD_1000', { required: true }),
	];
}

/** The tokens the platform obtains and refreshes for an OAuth element. */
function oauthTokens() {
	return [
		internal('oauth.user.token', 'OAuth Access Token', 'PASSWORD'),
		internal('oauth.user.refresh_token', 'OAuth Refresh Token', 'PASSWORD'),
	];
}

/** The event keys every element carries, numbered 100–103 as in the Clover response. */
function eventFields(vendorType = 'polling') {
	return [
		{ ...internal('event.vendor.type', 'Event Type', 'TEXTFIELD_128', vendorType), displayOrder: 100 },
		{
			...field('event.poller.refresh_interval', 'Event poller refresh interval', 'TEXTFIELD_128', {
				defaultValue: '15',
				description: 'Set time interval for polling application (in minutes)',
			}),
			displayOrder: 101,
		},
		{
			...field('event.notification.enabled', 'Event Notifications Enabled', 'BOOLEAN', {
				defaultValue: 'false',
				description: 'Enable/Disable Event Notification',
			}),
			displayOrder: 102,
		},
		{ ...field('event.notification.callback.url', 'Event Notification Callback URL', 'TEXTFIELD_1000'), displayOrder: 103 },
	];
}

/** The embedded element object of an instance and an entry of `GET /elements`, as in the Pardot sample. */
function summary({ id, key, name, hub, authentication, typeOauth = authentication === 'oauth2', description, image }) {
	return {
		id,
		name,
		hookName: name,
		key,
		description: description || describe(name, hub),
		image: image || `elements/provider_${key}.png`,
		active: true,
		deleted: false,
		typeOauth,
		trialAccount: false,
		transformationsEnabled: true,
		bulkDownloadEnabled: true,
		bulkUploadEnabled: true,
		cloneable: false,
		extendable: true,
		beta: false,
		authentication: { type: authentication },
		extended: false,
		hub,
		protocolType: 'http',
		parameters: [],
		private: false,
	};
}

const HUB_OBJECTS = {
	crm: 'accounts, contacts, leads, opportunities etc.',
	marketing: 'accounts, campaigns, contacts, lists etc.',
	helpdesk: 'incidents, contacts, agents etc.',
	documents: 'files and folders',
	messaging: 'messages, contacts etc.',
	finance: 'customers, invoices, payments etc.',
	ecommerce: 'products, orders, customers etc.',
	payment: 'customers, charges, refunds etc.',
	social: 'posts, pages, comments etc.',
	humancapital: 'employees, time off etc.',
	erp: 'customers, sales orders, vendors etc.',
	esignature: 'envelopes, documents, signers etc.',
	general: 'items, users etc.',
};

/** Cloud Elements' stock description, as Pardot's reads. */
function describe(name, hub) {
	const Hub = hub === 'crm' ? 'CRM' : hub[0].toUpperCase() + hub.slice(1);
	return `Add a ${name} Instance to connect your existing ${name} account to the ${Hub} Hub, allowing you to manage ${HUB_OBJECTS[hub]} across multiple ${Hub} Elements. You will need your ${name} account information to add an instance.`;
}

/**
 * An element as the fake knows it: its summary and configuration definitions
 * (what GET /elements/… answers) and the rules POST /instances applies.
 *
 * `auth`: the authentication types it offers, keyed by `authentication.type`,
 *   the first the default; each with the required `keys` that only it needs
 *   and its OAuth `grant`: 'code' (OAuth 2 authorization code: providerData.code), 'oauth1'
 *   (providerData.oauth_token, oauth_verifier, secret) or 'clientCredentials' (no consent, no providerData);
 *   `callback`: values its provider adds to the consent callback, by name, as functions making them.
 * `allowed`: the values a key accepts (BOOLEAN keys accept "true" and "false").
 * `echoes`: PASSWORD keys this element reads back in clear; the others read back masked.
 * `defaults`: what a new instance's configuration starts with, when not every default of
 *   the metadata (the elements this fake had before its metadata keep what they started with).
 * `undeclared`: keys the element demands that its metadata fails to list.
 */
function defineElement({ summary, fields, auth, allowed = {}, echoes = [], defaults, undeclared = [] }) {
	const configuration = fields.map((part, index) => loginAware(definition(summary.id * 100 + index, part, index + 1), auth));
	const booleans = configuration.filter((entry) => entry.type === 'BOOLEAN').map((entry) => [entry.key, BOOLEAN_VALUES]);
	return {
		summary,
		configuration,
		auth,
		allowed: { ...Object.fromEntries(booleans), ...allowed },
		masked: configuration.filter((entry) => entry.type === 'PASSWORD' && !echoes.includes(entry.key)).map((entry) => entry.key),
		defaults: defaults || defaultsOf(configuration),
		undeclared,
	};
}

/** A definition with every field of the captured shape; `defaultValue` is left out when there is none, as there. */
function definition(id, part, position) {
	return {
		id,
		name: part.name,
		key: part.key,
		description: part.description,
		...(part.defaultValue === undefined ? {} : { defaultValue: part.defaultValue }),
		resellerConfig: false,
		companyConfig: false,
		active: true,
		internal: part.internal,
		groupControl: false,
		displayOrder: part.displayOrder || position,
		type: part.type,
		hideFromConsole: part.hideFromConsole,
		required: part.required,
	};
}

/**
 * Where an element has several logins, its metadata says which entry is whose, as Cloud
 * Elements' own element exports do (BigCommerce's): `authentication.type` is a COMBO with
 * `groupControl` and one option per login, and an entry only one login needs carries that
 * login as its `groupName`. Entries every login shares carry none.
 */
function loginAware(entry, auth) {
	const types = Object.keys(auth);
	if (types.length < 2) return entry;
	if (entry.key === 'authentication.type') {
		return { ...entry, type: 'COMBO', groupControl: true, options: types.map((value) => ({ value, description: value })) };
	}
	const owners = types.filter((type) => (auth[type].keys || []).includes(entry.key));
	return owners.length === 1 ? { ...entry, groupName: owners[0] } : entry;
}

const defaultsOf = (configuration) =>
	Object.fromEntries(
		configuration.filter((entry) => entry.defaultValue !== undefined).map((entry) => [entry.key, entry.defaultValue]),
	);

/** The authentication type a configuration picks (`authentication.type`, else the element's first); undefined if unknown. */
function authenticationOf(element, configuration) {
	const chosen = configuration['authentication.type'];
	const type = isBlank(chosen) ? Object.keys(element.auth)[0] : String(chosen);
	return Object.hasOwn(element.auth, type) ? element.auth[type] : undefined;
}

/**
 * The OAuth grants with a user consent step, and what each needs: the provider data a create
 * (or a re-authentication) brings from the provider's callback, and the configuration keys that
 * stand in for it when an instance is provisioned from existing tokens (`externalAuthentication:
 * "initial"`). Client credentials have no consent step, so neither.
 */
const CONSENT_GRANTS = {
	code: { providerData: ['code'], external: ['oauth.user.refresh_token'] },
	// OAuth 1.0a: the authorized request token, its verifier and the request token's secret.
	oauth1: {
		providerData: ['oauth_token', 'oauth_verifier', 'secret'],
		external: ['oauth.user.token', 'oauth.user.token.secret'],
	},
};

const isConsentGrant = (grant) => Object.hasOwn(CONSENT_GRANTS, grant || '');

/** The consent grant ('code' or 'oauth1') of the authentication a configuration picks; undefined for the others. */
function consentGrantOf(element, configuration) {
	const inUse = authenticationOf(element, configuration);
	return inUse && isConsentGrant(inUse.grant) ? inUse.grant : undefined;
}

/**
 * The keys a configuration must carry, in metadata order: required, without a
 * default, not platform-managed, not belonging only to an authentication type
 * other than the one in use; then those the metadata fails to list; then, for an
 * instance provisioned from existing tokens (`external`), those tokens.
 */
function requiredKeys(element, configuration, external = false) {
	const inUse = authenticationOf(element, configuration);
	const own = new Set((inUse && inUse.keys) || []);
	const others = new Set(Object.values(element.auth).flatMap((auth) => (auth === inUse ? [] : auth.keys || [])));
	const declared = element.configuration
		.filter((entry) => entry.required && entry.defaultValue === undefined && !entry.internal)
		.map((entry) => entry.key)
		.filter((key) => own.has(key) || !others.has(key));
	const grant = consentGrantOf(element, configuration);
	const tokens = external && grant ? CONSENT_GRANTS[grant].external : [];
	return [...declared, ...element.undeclared, ...tokens];
}

/**
 * The provider data (`providerData.code`, or OAuth 1's three) a create or re-authentication
 * lacks: the authentication in use has a consent step, and the instance is not being
 * provisioned from existing tokens (`externalAuthentication: "initial"`).
 */
function missingProviderData(element, configuration, body) {
	const grant = consentGrantOf(element, configuration);
	if (!grant || body.externalAuthentication === 'initial') return [];
	const given = body.providerData && typeof body.providerData === 'object' ? body.providerData : {};
	return CONSENT_GRANTS[grant].providerData.filter((key) => typeof given[key] !== 'string' || given[key].trim() === '');
}

const isBlank = (value) => value === undefined || value === null || String(value).trim() === '';

module.exports = {
	field,
	hidden,
	internal,
	baseUrl,
	oauthApp,
	oauthTokens,
	eventFields,
	summary,
	defineElement,
	isConsentGrant,
	consentGrantOf,
	requiredKeys,
	missingProviderData,
	isBlank,
};
