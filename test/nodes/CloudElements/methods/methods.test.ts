import type { IDataObject, INodeListSearchResult, INodePropertyOptions, ResourceMapperFields } from 'n8n-workflow';

import { callNodeMethod } from '../../../harness/engine';
import { useFakeCloudElements } from '../../../harness/fake';
import { createInstances } from '../../../harness/instances';
import { fakeCredentials } from '../../../harness/provision';

const ctx = useFakeCloudElements();

const METADATA = [
	{ key: 'oauth.callback.url', name: 'Callback URL', type: 'TEXTFIELD_1000', required: true, displayOrder: 3, defaultValue: null },
	{ key: 'oauth.api.key', name: 'Client ID', type: 'TEXTFIELD_128', required: true, displayOrder: 1 },
	{ key: 'oauth.api.secret', name: 'Client Secret', type: 'PASSWORD', required: true, displayOrder: 2 },
	{ key: 'hubspot.sandbox', name: 'Sandbox', type: 'BOOLEAN', required: false, displayOrder: 4, defaultValue: 'false' },
	{ key: 'event.poller.refresh_interval', name: 'Polling Interval', type: 'TEXTFIELD_128', required: true, displayOrder: 101, defaultValue: '15' },
	{ key: 'base.url', name: 'Base URL', type: 'TEXTFIELD_128', required: true, hideFromConsole: true, displayOrder: 0, defaultValue: 'https://api.hubapi.com' },
	{ key: 'oauth.user.refresh_token', name: 'Refresh Token', type: 'PASSWORD', internal: true, hideFromConsole: true, displayOrder: 9 },
	{ key: 'pardot.legacy.key', name: 'Legacy Key', type: 'PASSWORD', required: false, displayOrder: 5 },
];

const call = async (kind: 'listSearch' | 'loadOptions' | 'resourceMapping', method: string, args: unknown[] = [], element = 'hubspot') =>
	await callNodeMethod({
		type: 'cloudElementsProvision',
		kind,
		method,
		parameters: { operation: 'provisionAnyElement', element: { __rl: true, mode: 'list', value: element } },
		credentials: { cloudElementsApi: fakeCredentials(ctx.fake) },
		args,
	});

const element = (key: string, name: string, extra: IDataObject = {}) => ({ id: key.length, key, name, active: true, deleted: false, ...extra });

describe('editor look-ups', () => {
	it('searches the element catalog one page at a time, by name or key, leaving out inactive elements', async () => {
		ctx.fake.inject({
			method: 'GET',
			path: '/elements',
			when: (request) => request.query.nextPage === undefined,
			status: 200,
			body: [element('hubspot', 'HubSpot Marketing'), element('mailchimpv3', 'MailChimp'), element('oldcrm', 'Old CRM', { active: false })] as unknown as IDataObject,
			headers: { 'elements-next-page-token': 'page-2' },
		});
		ctx.fake.inject({ method: 'GET', path: '/elements', when: (request) => request.query.nextPage === 'page-2', status: 200, body: [element('hubspotcrm', 'HubSpot CRM')] as unknown as IDataObject });

		const first = (await call('listSearch', 'searchElements', ['hub'])) as INodeListSearchResult;
		expect(first).toEqual({ results: [{ name: 'HubSpot Marketing (hubspot)', value: 'hubspot' }], paginationToken: 'page-2' });
		const second = (await call('listSearch', 'searchElements', ['HUB', 'page-2'])) as INodeListSearchResult;
		expect(second).toEqual({ results: [{ name: 'HubSpot CRM (hubspotcrm)', value: 'hubspotcrm' }], paginationToken: undefined });
		expect(ctx.fake.requests.map((request) => request.headers.authorization)).toEqual([
			'User demo-user-secret, Organization demo-organization-secret',
			'User demo-user-secret, Organization demo-organization-secret',
		]);
	});

	it("offers the chosen element's fields from its metadata: shown ones in display order, no secrets, required ones marked", async () => {
		ctx.fake.inject({ method: 'GET', path: '/elements/hubspot/configuration', status: 200, body: METADATA as unknown as IDataObject });
		const { fields } = (await call('resourceMapping', 'getElementConfigurationFields')) as ResourceMapperFields;

		expect(fields.map(({ id, required, removed, type, defaultValue }) => ({ id, required, removed, type, defaultValue }))).toEqual([
			{ id: 'oauth.api.key', required: true, removed: false, type: 'string', defaultValue: null },
			{ id: 'oauth.callback.url', required: true, removed: false, type: 'string', defaultValue: null },
			{ id: 'hubspot.sandbox', required: false, removed: true, type: 'boolean', defaultValue: false },
			{ id: 'event.poller.refresh_interval', required: false, removed: true, type: 'string', defaultValue: '15' },
		]);
		expect(fields[0].displayName).toBe('Client ID (oauth.api.key)');
	});

	it('asks for an element first, without a request: the editor loads the fields as soon as the operation is chosen', async () => {
		const mapper = (await call('resourceMapping', 'getElementConfigurationFields', [], '')) as ResourceMapperFields;
		expect(mapper).toEqual({ fields: [], emptyFieldsNotice: 'Choose an element to load its configuration fields' });
		// The secret list is only opened on purpose; its dropdown shows the error's message.
		await expect(call('loadOptions', 'getElementSecretKeys', [], '')).rejects.toThrow('Choose an element first');
		expect(ctx.fake.requests).toEqual([]);
	});

	it("offers the chosen element's secret entries for the masked list, required ones marked", async () => {
		ctx.fake.inject({ method: 'GET', path: '/elements/hubspot/configuration', status: 200, body: METADATA as unknown as IDataObject });
		const options = (await call('loadOptions', 'getElementSecretKeys')) as INodePropertyOptions[];

		expect(options.map(({ name, value }) => ({ name, value }))).toEqual([
			{ name: 'Client Secret (required)', value: 'oauth.api.secret' },
			{ name: 'Legacy Key', value: 'pardot.legacy.key' },
		]);
	});

	// HubSpot as the fake's metadata has it: oauth2 (default) and apiKey, each login's entries with its groupName.
	it("offers the element's logins, and the fields and secrets of the chosen one only", async () => {
		const withLogin = async (kind: 'loadOptions' | 'resourceMapping', method: string, loginType: string) =>
			await callNodeMethod({
				type: 'cloudElementsProvision',
				kind,
				method,
				parameters: { operation: 'provisionAnyElement', element: { __rl: true, mode: 'list', value: 'hubspot' }, loginType },
				credentials: { cloudElementsApi: fakeCredentials(ctx.fake) },
			});
		expect(await withLogin('loadOptions', 'getElementLogins', '')).toEqual([
			{ name: 'Default (oauth2)', value: '' },
			{ name: 'oauth2', value: 'oauth2' },
			{ name: 'apiKey', value: 'apiKey' },
		]);
		const fieldsOf = async (loginType: string) =>
			((await withLogin('resourceMapping', 'getElementConfigurationFields', loginType)) as ResourceMapperFields).fields.map((field) => field.id);
		const secretsOf = async (loginType: string) =>
			((await withLogin('loadOptions', 'getElementSecretKeys', loginType)) as INodePropertyOptions[]).map((option) => option.value);
		expect(await fieldsOf('apiKey')).not.toContain('oauth.api.key');
		expect(await secretsOf('apiKey')).toEqual(['hubspot.authorization.apikey']);
		expect(await fieldsOf('')).toContain('oauth.api.key');
		expect(await secretsOf('')).toEqual(['oauth.api.secret']);
		// Before an element is chosen, nothing to offer (and no error: the editor asks at once).
		expect(await call('loadOptions', 'getElementLogins', [], '')).toEqual([]);
		// A single-login element offers its one login.
		expect(await call('loadOptions', 'getElementLogins', [], 'icontact')).toEqual([{ name: "The Element's Only Login", value: '' }]);
	});
});

describe('the Path picker of Call Element API', () => {
	const searchPaths = async (instanceToken: string, filter?: string) =>
		(await callNodeMethod({
			type: 'cloudElementsProvision',
			kind: 'listSearch',
			method: 'searchElementApiPaths',
			parameters: { resource: 'elementApi', operation: 'callElementApi', instanceToken },
			credentials: { cloudElementsApi: fakeCredentials(ctx.fake) },
			args: filter === undefined ? [] : [filter],
		})) as INodeListSearchResult;

	it("lists the paths of the instance's API from its docs, read with its token, below the API root", async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme' }]);
		const { results } = await searchPaths(acme.token);

		expect(results.map((result) => result.value)).toEqual([
			'/hubs/marketing/contacts',
			'/hubs/marketing/contacts/{id}',
			'/hubs/marketing/accounts',
			'/hubs/marketing/accounts/{id}',
			'/hubs/marketing/ping',
		]);
		expect(results[0].name).toBe('/hubs/marketing/contacts (GET, POST): Search for contacts');
		expect(ctx.fake.requests.map((request) => [request.path, request.headers.authorization])).toEqual([
			['/instances/docs', `User demo-user-secret, Element ${acme.token}`],
		]);
	});

	it('filters the paths by what the user types, in the path or its summary', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme' }]);
		const { results } = await searchPaths(acme.token, 'ACCOUNTS');
		expect(results.map((result) => result.value)).toEqual(['/hubs/marketing/accounts', '/hubs/marketing/accounts/{id}']);
	});

	it('asks for the token, without a request, where the expression could not be resolved', async () => {
		await expect(searchPaths('={{ $json.token }}')).rejects.toThrow("The path list needs the instance's token");
		await expect(searchPaths('two words')).rejects.toThrow("The path list needs the instance's token");
		expect(ctx.fake.requests).toHaveLength(0);
	});
});
