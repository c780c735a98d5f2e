import type { IDataObject } from 'n8n-workflow';

import type { RecordedRequest } from '../../../../fake-api/server';
import { useFakeCloudElements } from '../../../../harness/fake';
import { runProvision } from '../../../../harness/provision';
import { leakedSecrets, shownByNode } from '../../../../harness/shown';

const ctx = useFakeCloudElements();

/**
 * iContact as the fake's catalog describes it (its metadata, not this
 * package's): API Version, Username and AppID to type, API Password secret,
 * event settings optional.
 */
const icontact = (extra: IDataObject = {}) => ({
	operation: 'provisionAnyElement',
	element: { __rl: true, mode: 'key', value: 'icontact' },
	instanceName: '={{ $json.name }}',
	configurationFields: {
		mappingMode: 'defineBelow',
		value: { 'api.version': '2.0', 'api.username': '={{ $json.user }}', 'AppID': 'acme-app-id', 'event.notification.enabled': true },
	},
	secretConfiguration: { entries: [{ key: 'api.password', value: '={{ $json.password }}' }] },
	...extra,
});
const customer = { name: 'acme-icontact', user: 'ops@acme.example', password: 'icontact-password-value' };
const creates = (requests: RecordedRequest[]) => requests.filter((request) => request.method === 'POST');

describe('Provision Instance (Any Element)', () => {
	it("sends the configuration from the element's own fields and the masked secrets, in display order", async () => {
		const result = await runProvision({ fake: ctx.fake, items: [customer], parameters: icontact() });

		expect(result.status).toBe('success');
		const [create] = creates(result.requests);
		expect(create.body).toEqual({
			element: { key: 'icontact' },
			configuration: {
				'api.version': '2.0',
				'api.username': 'ops@acme.example',
				'api.password': 'icontact-password-value',
				'AppID': 'acme-app-id',
				'event.notification.enabled': 'true',
			},
			tags: [expect.stringMatching(/^n8n-provision:/)],
			name: 'acme-icontact',
		});
		const [instance] = ctx.fake.instances;
		expect(result.items[0].json).toMatchObject({ id: instance.id, token: instance.token, provisionAction: 'created' });
		expect(leakedSecrets(shownByNode(result), [customer.password])).toEqual([]);
	});

	it('names every missing required entry of an item, secrets included, and creates nothing', async () => {
		const result = await runProvision({
			fake: ctx.fake,
			items: [customer, { name: 'globex-icontact', user: '', password: '' }],
			parameters: icontact(),
		});

		expect(result.error.message).toBe(
			'Missing or invalid icontact fields: Username (api.username) is missing; API Password (api.password) is missing [item 1]',
		);
		expect(creates(result.requests)).toHaveLength(0);
	});

	it("reads the element's metadata once per execution, whatever the number of items", async () => {
		const { requests, status } = await runProvision({
			fake: ctx.fake,
			items: [customer, { ...customer, name: 'globex-icontact' }, { ...customer, name: 'initech-icontact' }],
			parameters: icontact(),
		});

		expect(status).toBe('success');
		expect(requests.filter((request) => request.path === '/elements/icontact/configuration')).toHaveLength(1);
		expect(creates(requests)).toHaveLength(3);
	});

	it('provisions an element whose metadata leaves out a key it requires, with JSON configuration', async () => {
		// NetSuite CRM's metadata in the fake lists no netsuite.accountId, which Cloud Elements demands all the same.
		const netsuite = (configuration: IDataObject) =>
			icontact({
				element: { __rl: true, mode: 'key', value: 'netsuitecrmv2' },
				configurationSource: 'json',
				configurationJson: JSON.stringify({ 'user.username': 'ops@acme.example', 'netsuite.appId': 'app-1', ...configuration }),
				secretConfiguration: { entries: [{ key: 'user.password', value: 'netsuite-password-value' }] },
			});
		const withoutIt = await runProvision({ fake: ctx.fake, items: [customer], parameters: netsuite({}) });
		expect(withoutIt.error.message).toBe('Cloud Elements answered 400: Missing required configuration: netsuite.accountId');

		const withIt = await runProvision({ fake: ctx.fake, items: [customer], parameters: netsuite({ 'netsuite.accountId': '1234567' }) });
		expect(withIt.status).toBe('success');
		expect(creates(withIt.requests)[0].body.configuration).toMatchObject({ 'netsuite.accountId': '1234567' });
	});

	it('refuses JSON that is not an object, naming the field', async () => {
		const { error, requests } = await runProvision({
			fake: ctx.fake,
			items: [customer],
			parameters: icontact({ configurationSource: 'json', configurationJson: '["api.version"]' }),
		});
		expect(error.message).toBe('Invalid fields: Configuration (JSON) must be a JSON object of keys and values');
		expect(requests).toHaveLength(0);
	});

	it('checks a toggle entry is true or false', async () => {
		const { error } = await runProvision({
			fake: ctx.fake,
			items: [customer],
			parameters: icontact({
				configurationSource: 'json',
				configurationJson: '{"api.version": "2.0", "api.username": "u", "AppID": "a", "event.notification.enabled": "yes"}',
			}),
		});
		expect(error.message).toBe(
			'Missing or invalid icontact fields: Event Notifications Enabled (event.notification.enabled) must be true or false (got "yes")',
		);
	});

	it('keeps a secret the element echoes in an error out of the message', async () => {
		ctx.fake.inject({ method: 'POST', status: 400, body: { message: 'Password icontact-password-value was refused' } });
		const result = await runProvision({ fake: ctx.fake, items: [customer], parameters: icontact() });

		expect(result.error.message).toBe('Cloud Elements answered 400: Password [redacted] was refused');
		expect(leakedSecrets(shownByNode(result), [customer.password])).toEqual([]);
	});

	it("masks in the output a secret the element's metadata marks, whatever its name", async () => {
		// Mailchimp echoes its configuration in clear; `account.pin` says nothing of a secret but its metadata does.
		ctx.fake.inject({
			method: 'GET',
			path: '/elements/mailchimp/configuration',
			status: 200,
			body: [
				{ key: 'api.key', name: 'API Key', type: 'PASSWORD', required: true },
				{ key: 'account.pin', name: 'Account PIN', type: 'PASSWORD', required: false },
			] as unknown as IDataObject,
		});
		const result = await runProvision({
			fake: ctx.fake,
			items: [customer],
			parameters: icontact({
				element: { __rl: true, mode: 'key', value: 'mailchimp' },
				configurationFields: { mappingMode: 'defineBelow', value: null },
				secretConfiguration: { entries: [{ key: 'api.key', value: 'mailchimp-api-key-value' }, { key: 'account.pin', value: '4711-pin-value' }] },
			}),
		});

		expect(result.status).toBe('success');
		expect(result.items[0].json.configuration).toMatchObject({ 'api.key': '********', 'account.pin': '********' });
		expect(leakedSecrets(shownByNode(result), ['mailchimp-api-key-value', '4711-pin-value'])).toEqual([]);
	});

	it('says so when the element is not in the catalog', async () => {
		const { error, requests } = await runProvision({
			fake: ctx.fake,
			items: [customer],
			parameters: icontact({ element: { __rl: true, mode: 'key', value: 'nosuch' } }),
		});
		expect(error.message).toBe('Cloud Elements answered 404: No element found with key or id nosuch');
		expect(creates(requests)).toHaveLength(0);
	});
});

// iContact's metadata lists event.notification.enabled among its own entries; Additional Fields sets it too.
describe('Provision Instance (Any Element), an entry its metadata lists and Additional Fields sets', () => {
	const withEvents = (entries: IDataObject) => {
		const parameters = icontact({ additionalFields: { eventsEnabled: true } });
		return { ...parameters, configurationFields: { mappingMode: 'defineBelow', value: { ...parameters.configurationFields.value, ...entries } } };
	};
	const eventsEnabled = async (entries: IDataObject) => {
		const { requests } = await runProvision({ fake: ctx.fake, items: [customer], parameters: withEvents(entries) });
		return creates(requests)[0].body.configuration['event.notification.enabled'];
	};

	it('takes the Additional Fields value where the item gives none', async () => {
		expect(await eventsEnabled({ 'event.notification.enabled': undefined })).toBe('true');
	});

	it("keeps the item's own entry over Additional Fields", async () => {
		expect(await eventsEnabled({ 'event.notification.enabled': false })).toBe('false');
	});
});

/**
 * HubSpot as the fake's metadata describes it: `authentication.type` a COMBO
 * of oauth2 (the default) and apiKey, each login's own entries carrying its
 * groupName, as Cloud Elements' element exports do.
 */
describe('Provision Instance (Any Element), an element with several logins', () => {
	const hubspot = (extra: IDataObject = {}) => ({
		operation: 'provisionAnyElement',
		element: { __rl: true, mode: 'key', value: 'hubspot' },
		instanceName: 'acme-hubspot',
		configurationFields: { mappingMode: 'defineBelow', value: {} },
		...extra,
	});
	const apiKeyLogin = hubspot({
		loginType: 'apiKey',
		secretConfiguration: { entries: [{ key: 'hubspot.authorization.apikey', value: 'hubspot-hapikey-value' }] },
	});

	it("asks only for the chosen login's entries and sends its authentication.type", async () => {
		const result = await runProvision({ fake: ctx.fake, parameters: apiKeyLogin });

		expect(result.status).toBe('success');
		expect(creates(result.requests)[0].body).toEqual({
			element: { key: 'hubspot' },
			configuration: { 'authentication.type': 'apiKey', 'hubspot.authorization.apikey': 'hubspot-hapikey-value' },
			tags: [expect.stringMatching(/^n8n-provision:/)],
			name: 'acme-hubspot',
		});
		expect(leakedSecrets(shownByNode(result), ['hubspot-hapikey-value'])).toEqual([]);
	});

	it("names the chosen login's missing entries, not the other login's, and sends nothing", async () => {
		const { error, requests } = await runProvision({ fake: ctx.fake, parameters: hubspot({ loginType: 'apiKey' }) });

		expect(error.message).toBe('Missing or invalid hubspot apiKey fields: API Key (hubspot.authorization.apikey) is missing');
		expect(creates(requests)).toHaveLength(0);
	});

	it("takes the element's default login where none is chosen", async () => {
		const { error } = await runProvision({ fake: ctx.fake, parameters: hubspot() });

		expect(error.message).toBe(
			'Missing or invalid hubspot fields: OAuth API Key (oauth.api.key) is missing; OAuth API Secret (oauth.api.secret) is missing; OAuth Callback URL (oauth.callback.url) is missing',
		);
	});

	it('refuses a login the element does not offer, naming the ones it does', async () => {
		const { error, requests } = await runProvision({ fake: ctx.fake, parameters: hubspot({ loginType: 'basic' }) });

		expect(error.message).toBe('Invalid hubspot fields: Authentication must be one of oauth2, apiKey (got "basic")');
		expect(creates(requests)).toHaveLength(0);
	});

	// Before the choice, a workflow could only name the login among its entries.
	it('takes the login named among the entries, as workflows made before the choice did', async () => {
		const parameters = { ...apiKeyLogin, loginType: '', configurationFields: { mappingMode: 'defineBelow', value: { 'authentication.type': 'apiKey' } } };
		const result = await runProvision({ fake: ctx.fake, parameters });

		expect(result.status).toBe('success');
		expect(creates(result.requests)[0].body.configuration).toEqual({
			'authentication.type': 'apiKey',
			'hubspot.authorization.apikey': 'hubspot-hapikey-value',
		});
	});
});
