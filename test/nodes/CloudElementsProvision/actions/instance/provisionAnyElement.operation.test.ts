import type { IDataObject } from 'n8n-workflow';

import type { RecordedRequest } from '../../../../fake-api/server';
import { useFakeCloudElements } from '../../../../harness/fake';
import { runProvision } from '../../../../harness/provision';
import { leakedSecrets, shownByNode } from '../../../../harness/shown';

const ctx = useFakeCloudElements();

/** HubSpot's configuration metadata in Cloud Elements' shape: visible, secret, boolean, hidden and internal entries. */
const HUBSPOT_METADATA = [
	{ key: 'oauth.callback.url', name: 'Callback URL', type: 'TEXTFIELD_1000', required: true, internal: false, hideFromConsole: false, displayOrder: 3, defaultValue: null },
	{ key: 'oauth.api.key', name: 'Client ID', type: 'TEXTFIELD_128', required: true, internal: false, hideFromConsole: false, displayOrder: 1, defaultValue: null },
	{ key: 'oauth.api.secret', name: 'Client Secret', type: 'PASSWORD', required: true, internal: false, hideFromConsole: false, displayOrder: 2, defaultValue: null },
	{ key: 'hubspot.sandbox', name: 'Sandbox', type: 'BOOLEAN', required: false, internal: false, hideFromConsole: false, displayOrder: 4, defaultValue: 'false' },
	{ key: 'base.url', name: 'Base URL', type: 'TEXTFIELD_128', required: true, internal: false, hideFromConsole: true, displayOrder: 0, defaultValue: 'https://api.hubapi.com' },
	{ key: 'oauth.user.refresh_token', name: 'Refresh Token', type: 'PASSWORD', required: false, internal: true, hideFromConsole: true, displayOrder: 9, defaultValue: null },
];

const serveMetadata = (times = 10) =>
	ctx.fake.inject({ method: 'GET', path: '/elements/hubspot/configuration', status: 200, body: HUBSPOT_METADATA as unknown as IDataObject, times });

const anyElement = (extra: IDataObject = {}) => ({
	operation: 'provisionAnyElement',
	element: { __rl: true, mode: 'key', value: 'hubspot' },
	instanceName: '={{ $json.name }}',
	configurationFields: {
		mappingMode: 'defineBelow',
		value: { 'oauth.api.key': 'hubspot-client-id', 'oauth.callback.url': 'https://example.com/callback', 'hubspot.sandbox': true },
	},
	secretConfiguration: { entries: [{ key: 'oauth.api.secret', value: '={{ $json.secret }}' }] },
	...extra,
});
const customer = { name: 'acme-hubspot', secret: 'hubspot-client-secret-value' };
const creates = (requests: RecordedRequest[]) => requests.filter((request) => request.method === 'POST');

describe('Provision Instance (Any Element)', () => {
	it("sends the element's configuration from its metadata's fields and the masked secrets, in display order", async () => {
		serveMetadata();
		const result = await runProvision({ fake: ctx.fake, items: [customer], parameters: anyElement() });

		expect(result.status).toBe('success');
		const [create] = creates(result.requests);
		expect(create.body).toEqual({
			element: { key: 'hubspot' },
			configuration: {
				'oauth.api.key': 'hubspot-client-id',
				'oauth.api.secret': 'hubspot-client-secret-value',
				'oauth.callback.url': 'https://example.com/callback',
				'hubspot.sandbox': 'true',
			},
			tags: [expect.stringMatching(/^n8n-provision:/)],
			name: 'acme-hubspot',
		});
		const [instance] = ctx.fake.instances;
		expect(result.items[0].json).toMatchObject({ id: instance.id, token: instance.token, provisionAction: 'created' });
		expect(result.items[0].json.configuration).toMatchObject({ 'oauth.api.secret': '********' });
		expect(leakedSecrets(shownByNode(result), [customer.secret])).toEqual([]);
	});

	it('names every missing required entry, secrets included, and creates nothing', async () => {
		serveMetadata();
		const result = await runProvision({
			fake: ctx.fake,
			items: [customer, { name: 'globex-hubspot', secret: '' }],
			parameters: anyElement({ configurationFields: { mappingMode: 'defineBelow', value: { 'oauth.api.key': 'id' } } }),
		});

		expect(result.error.message).toBe(
			'Missing or invalid hubspot fields: Callback URL (oauth.callback.url) is missing [item 0]',
		);
		expect(creates(result.requests)).toHaveLength(0);
		const second = await runProvision({ fake: ctx.fake, items: [{ name: 'globex-hubspot', secret: '' }], parameters: anyElement() });
		expect(second.error.message).toBe('Missing or invalid hubspot fields: Client Secret (oauth.api.secret) is missing [item 0]');
	});

	it("reads the element's metadata once per execution, whatever the number of items", async () => {
		serveMetadata();
		const { requests, status } = await runProvision({
			fake: ctx.fake,
			items: [customer, { ...customer, name: 'globex-hubspot' }, { ...customer, name: 'initech-hubspot' }],
			parameters: anyElement(),
		});

		expect(status).toBe('success');
		expect(requests.filter((request) => request.path === '/elements/hubspot/configuration')).toHaveLength(1);
		expect(creates(requests)).toHaveLength(3);
	});

	it('takes JSON configuration for keys the metadata does not list, and still checks what it does', async () => {
		serveMetadata();
		const json = JSON.stringify({
			'oauth.api.key': 'hubspot-client-id',
			'oauth.callback.url': 'https://example.com/callback',
			'create.bulk.properties': 'true',
		});
		const { requests, status } = await runProvision({
			fake: ctx.fake,
			items: [customer],
			parameters: anyElement({ configurationSource: 'json', configurationJson: json }),
		});

		expect(status).toBe('success');
		expect(creates(requests)[0].body.configuration).toEqual({
			'oauth.api.key': 'hubspot-client-id',
			'oauth.api.secret': 'hubspot-client-secret-value',
			'oauth.callback.url': 'https://example.com/callback',
			'create.bulk.properties': 'true',
		});
	});

	it('refuses JSON that is not an object, naming the field', async () => {
		const { error, requests } = await runProvision({
			fake: ctx.fake,
			items: [customer],
			parameters: anyElement({ configurationSource: 'json', configurationJson: '["oauth.api.key"]' }),
		});
		expect(error.message).toBe('Invalid fields: Configuration (JSON) must be a JSON object of keys and values [item 0]');
		expect(requests).toHaveLength(0);
	});

	it('checks a toggle entry is true or false', async () => {
		serveMetadata();
		const { error } = await runProvision({
			fake: ctx.fake,
			items: [customer],
			parameters: anyElement({
				configurationSource: 'json',
				configurationJson: '{"oauth.api.key": "id", "oauth.callback.url": "https://example.com/cb", "hubspot.sandbox": "yes"}',
			}),
		});
		expect(error.message).toBe('Missing or invalid hubspot fields: Sandbox (hubspot.sandbox) must be true or false (got "yes") [item 0]');
	});

	it('keeps a secret the element echoes in an error out of the message', async () => {
		serveMetadata();
		ctx.fake.inject({ method: 'POST', status: 400, body: { message: 'Client secret hubspot-client-secret-value was refused' } });
		const result = await runProvision({ fake: ctx.fake, items: [customer], parameters: anyElement() });

		expect(result.error.message).toBe('Cloud Elements answered 400: Client secret [redacted] was refused');
		expect(leakedSecrets(shownByNode(result), [customer.secret])).toEqual([]);
	});

	it('says so when the element is not in the catalog', async () => {
		ctx.fake.inject({ method: 'GET', path: '/elements/nosuch/configuration', status: 404, body: { message: 'No element found with key nosuch' } });
		const { error, requests } = await runProvision({
			fake: ctx.fake,
			items: [customer],
			parameters: anyElement({ element: { __rl: true, mode: 'key', value: 'nosuch' } }),
		});
		expect(error.message).toBe('Cloud Elements answered 404: No element found with key nosuch');
		expect(creates(requests)).toHaveLength(0);
	});
});
