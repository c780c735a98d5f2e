import { call, consent } from '../harness/api';
import { useFakeCloudElements } from '../harness/fake';
import type { ConfigurationDefinition, Element, ElementSummary, FakeCloudElements } from './server';

// The fake's element endpoints and the checks POST /instances makes against
// element metadata, through plain HTTP as any client sees them.

const ctx = useFakeCloudElements();

const get = (path: string) => call(ctx.fake, path);
const create = (body: Record<string, unknown>) =>
	call(ctx.fake, '/instances', { method: 'POST', body: { name: 'acme', ...body } });

/** Every page of the catalog, following the next-page token. */
async function pages(fake: FakeCloudElements, pageSize?: number): Promise<ElementSummary[][]> {
	const found: ElementSummary[][] = [];
	let nextPage: string | null = null;
	do {
		const query = new URLSearchParams();
		if (pageSize) query.set('pageSize', String(pageSize));
		if (nextPage) query.set('nextPage', nextPage);
		const answer = await call(fake, `/elements?${query}`);
		expect(answer.status).toBe(200);
		found.push(answer.body);
		nextPage = answer.nextPage;
	} while (nextPage && found.length < 100);
	return found;
}

async function catalog(): Promise<Element[]> {
	const summaries = (await pages(ctx.fake)).flat();
	return Promise.all(summaries.map(async ({ key }) => (await get(`/elements/${key}`)).body));
}

/** What a form built from the metadata alone asks for: required, visible, without a default. */
const asked = (element: Element) =>
	element.configuration
		.filter((entry) => entry.required && !entry.hideFromConsole && !entry.internal && entry.defaultValue === undefined)
		.map((entry) => entry.key);

const byKey = (configuration: ConfigurationDefinition[], key: string) => configuration.find((entry) => entry.key === key);

const CALLBACK = 'https://example.com/callback';

/**
 * The providerData a create needs for the OAuth app of `configuration`: what the consent
 * page's callback brought, but `state`, and for OAuth 1 the request token's secret;
 * undefined for an element without a consent step.
 */
async function consented(key: string, configuration: Record<string, unknown>) {
	const app = {
		apiKey: String(configuration['oauth.api.key']),
		apiSecret: String(configuration['oauth.api.secret']),
		callbackUrl: String(configuration['oauth.callback.url']),
	};
	// OAuth 1 first asks for a request token; other elements refuse.
	const requestToken = await get(`/elements/${key}/oauth/token?${new URLSearchParams(app)}`);
	const oauth1: Record<string, string> = requestToken.status === 200 ? { requestToken: requestToken.body.token } : {};
	const url = await get(`/elements/${key}/oauth/url?${new URLSearchParams({ ...app, ...oauth1 })}`);
	if (url.status !== 200) return undefined;
	const { params } = await consent(url.body.oauthUrl);
	const callback = Object.fromEntries(Object.entries(params!).filter(([name]) => name !== 'state'));
	return requestToken.status === 200 ? { ...callback, secret: requestToken.body.secret } : callback;
}

describe('GET /elements', () => {
	it('lists the whole catalog in one page when no pageSize is asked, in the order of /elements/keys', async () => {
		const answer = await get('/elements');
		const keys = await get('/elements/keys');

		expect(answer.status).toBe(200);
		expect(answer.body.length).toBeGreaterThanOrEqual(60);
		expect(answer.body.length).toBeLessThanOrEqual(200);
		expect(answer.nextPage).toBeNull();
		expect(keys.status).toBe(200);
		expect(keys.body).toEqual(answer.body.map((element: ElementSummary) => element.key));
	});

	it('pages through the catalog with the next-page token, every element once', async () => {
		const whole = (await get('/elements')).body as ElementSummary[];
		const paged = await pages(ctx.fake, 25);

		expect(paged.map((page) => page.length)).toEqual([25, 25, whole.length - 50]);
		expect(paged.flat()).toEqual(whole);
	});

	it('lists summaries: unique ids and keys, the summary fields, no configuration', async () => {
		const whole = (await get('/elements')).body as ElementSummary[];

		expect(new Set(whole.map((element) => element.id)).size).toBe(whole.length);
		expect(new Set(whole.map((element) => element.key)).size).toBe(whole.length);
		for (const element of whole) {
			expect(element).toMatchObject({
				id: expect.any(Number),
				name: expect.any(String),
				key: expect.stringMatching(/^[a-z0-9]+$/),
				description: expect.any(String),
				image: expect.any(String),
				active: true,
				deleted: false,
				typeOauth: expect.any(Boolean),
				trialAccount: false,
				hub: expect.any(String),
				// oauth1: QuickBooks, as its documented instance sample shows it.
				authentication: { type: expect.stringMatching(/^(apiKey|basic|oauth1|oauth2|custom)$/) },
			});
			expect(element).not.toHaveProperty('configuration');
		}
	});

	it('asks for the secrets like every platform call', async () => {
		const response = await fetch(`${ctx.fake.url}/elements`);
		expect(response.status).toBe(401);
	});

	describe('with a fake whose pages are smaller', () => {
		const small = useFakeCloudElements({ maxPageSize: 7 });

		it('answers no more than maxPageSize, whatever pageSize asks for', async () => {
			const first = await call(small.fake, '/elements?pageSize=500');
			const whole = (await pages(small.fake, 500)).flat();

			expect(first.body).toHaveLength(7);
			expect(first.nextPage).not.toBeNull();
			expect(whole).toEqual((await get('/elements')).body);
		});
	});
});

describe('GET /elements/{keyOrId}', () => {
	it('answers the same element, with its configuration, by key and by numeric id', async () => {
		const byName = await get('/elements/pardot');
		const byId = await get('/elements/90');
		const listed = ((await get('/elements')).body as ElementSummary[]).find((element) => element.key === 'pardot');

		expect(byName.status).toBe(200);
		expect(byId.body).toEqual(byName.body);
		expect(byName.body).toEqual({ ...listed, configuration: expect.any(Array) });
		expect(byName.body.configuration.length).toBeGreaterThan(0);
	});

	it('answers /configuration with just the configuration array, by key and by id', async () => {
		const element = (await get('/elements/clover')).body as Element;

		expect((await get('/elements/clover/configuration')).body).toEqual(element.configuration);
		expect((await get(`/elements/${element.id}/configuration`)).body).toEqual(element.configuration);
	});

	it.each(['salesforce-pardot', '999999', 'constructor'])('answers 404 for an unknown key or id (%s)', async (keyOrId) => {
		for (const path of [`/elements/${keyOrId}`, `/elements/${keyOrId}/configuration`]) {
			const answer = await get(path);
			expect(answer.status).toBe(404);
			expect(answer.body).toEqual({
				requestId: expect.stringMatching(/^[0-9a-f]{24}$/),
				message: `No element found with key or id ${keyOrId}`,
			});
		}
	});

	it('answers 404 for paths under an element it does not serve, and 405 for writes', async () => {
		expect((await get('/elements/pardot/instances')).status).toBe(404);
		expect((await call(ctx.fake, '/elements', { method: 'POST', body: {} })).status).toBe(405);
	});

	it('gives every definition the documented shape and one of the documented types', async () => {
		const definitionIds = new Set<number>();
		for (const element of await catalog()) {
			for (const entry of element.configuration) {
				// The login choice's options and the login an entry belongs to come only with several logins.
				expect(Object.keys(entry).filter((field) => !['defaultValue', 'options', 'groupName'].includes(field))).toEqual([
					'id',
					'name',
					'key',
					'description',
					'resellerConfig',
					'companyConfig',
					'active',
					'internal',
					'groupControl',
					'displayOrder',
					'type',
					'hideFromConsole',
					'required',
				]);
				expect(entry.type).toMatch(/^(TEXTFIELD_(32|64|128|1000)|TEXTAREA|PASSWORD|BOOLEAN|COMBO)$/);
				if ('defaultValue' in entry) expect(typeof entry.defaultValue).toBe('string');
				if (entry.type === 'BOOLEAN' && entry.defaultValue !== undefined) expect(['true', 'false']).toContain(entry.defaultValue);
				definitionIds.add(entry.id);
			}
			expect(new Set(element.configuration.map((entry) => entry.key)).size).toBe(element.configuration.length);
		}
		expect(definitionIds.size).toBeGreaterThan(600);
	});

	it('gives every element the event keys, a defaulted base.url and, for OAuth, internal tokens', async () => {
		for (const element of await catalog()) {
			const entry = (key: string) => byKey(element.configuration, key);
			expect(entry('event.vendor.type')).toMatchObject({ internal: true, hideFromConsole: true, displayOrder: 100 });
			expect(entry('event.poller.refresh_interval')).toMatchObject({ defaultValue: '15', displayOrder: 101, required: false });
			expect(entry('event.notification.enabled')).toMatchObject({ type: 'BOOLEAN', defaultValue: 'false', displayOrder: 102 });
			expect(entry('event.notification.callback.url')).toMatchObject({ displayOrder: 103, required: false });
			if (element.key === 'marketo') {
				expect(entry('base.url')).toMatchObject({ required: true, hideFromConsole: false });
				expect(entry('base.url')).not.toHaveProperty('defaultValue');
			} else {
				expect(entry('base.url')).toMatchObject({
					required: true,
					hideFromConsole: true,
					defaultValue: expect.stringMatching(/^https:\/\//),
				});
			}
			if (element.authentication.type.startsWith('oauth')) {
				expect(entry('oauth.user.token')).toMatchObject({ internal: true, hideFromConsole: true });
				expect(entry('oauth.user.refresh_token')).toMatchObject({ internal: true, hideFromConsole: true });
			}
		}
	});

	it.each([
		// The legacy login's keys, then Salesforce OAuth's (authentication.type oauth2).
		[
			'pardot',
			[
				'apikey.user.name',
				'apikey.user.password',
				'apikey.user.key',
				'oauth.api.key',
				'oauth.business.unit.id',
				'oauth.api.secret',
				'oauth.callback.url',
			],
			['apikey.user.password', 'apikey.user.key', 'oauth.api.secret', 'oauth.user.token', 'oauth.user.refresh_token'],
		],
		['autopilot', ['api.key'], ['api.key']],
		['mailchimp', ['api.key'], ['api.key']],
		// The flat list holds both authentication types' keys; which apply depends on authentication.type.
		[
			'hubspot',
			['oauth.api.key', 'oauth.api.secret', 'oauth.callback.url', 'hubspot.authorization.apikey'],
			['oauth.api.secret', 'hubspot.authorization.apikey', 'oauth.user.token', 'oauth.user.refresh_token'],
		],
		[
			'marketo',
			['oauth.api.key', 'oauth.api.secret', 'marketo.identity.url', 'base.url'],
			['oauth.api.secret', 'oauth.user.token', 'oauth.user.refresh_token'],
		],
		[
			'mailchimpv3',
			['oauth.api.key', 'oauth.api.secret', 'oauth.callback.url'],
			['oauth.api.secret', 'oauth.user.token', 'oauth.user.refresh_token'],
		],
		[
			'eloqua',
			['oauth.api.key', 'oauth.api.secret', 'oauth.callback.url'],
			['oauth.api.secret', 'oauth.user.token', 'oauth.user.refresh_token'],
		],
		[
			'campaignmonitor',
			['username', 'oauth.api.key', 'oauth.api.secret', 'oauth.callback.url'],
			['username', 'oauth.api.secret', 'oauth.user.token', 'oauth.user.refresh_token'],
		],
		['icontact', ['api.version', 'api.username', 'api.password', 'AppID'], ['api.password']],
		['mailjetmarketing', ['mailjetmarketing.api.key', 'mailjetmarketing.api.secret'], ['mailjetmarketing.api.secret']],
		// As captured: the secret is a TEXTFIELD_128; the callback URL and sandbox flag have defaults.
		['clover', ['oauth.api.key', 'oauth.api.secret', 'merchantId'], []],
	])('describes %s: the fields a form must ask for, and its PASSWORD fields', async (key, fields, passwords) => {
		const element = (await get(`/elements/${key}`)).body as Element;

		expect(asked(element)).toEqual(fields);
		expect(element.configuration.filter((entry) => entry.type === 'PASSWORD').map((entry) => entry.key)).toEqual(passwords);
	});

	it('describes the multi-auth elements and their defaults', async () => {
		const hubspot = (await get('/elements/hubspot')).body as Element;
		const campaignmonitor = (await get('/elements/campaignmonitor')).body as Element;
		const clover = (await get('/elements/clover')).body as Element;

		expect(hubspot.authentication.type).toBe('oauth2');
		expect(byKey(hubspot.configuration, 'authentication.type')).toMatchObject({ defaultValue: 'oauth2', required: true });
		expect(campaignmonitor.authentication.type).toBe('basic');
		expect(byKey(campaignmonitor.configuration, 'authentication.type')).toMatchObject({ defaultValue: 'basic' });
		expect(byKey(clover.configuration, 'clover.sandbox')).toMatchObject({
			type: 'BOOLEAN',
			defaultValue: 'false',
			required: true,
			hideFromConsole: false,
		});
		const pardot = (await get('/elements/pardot')).body as Element;
		expect(pardot.authentication.type).toBe('apiKey');
		expect(byKey(pardot.configuration, 'provider.version')).toMatchObject({ defaultValue: '3', required: false });
		expect(byKey(pardot.configuration, 'authentication.type')).toMatchObject({ defaultValue: 'apiKey', required: true });
		expect(byKey(pardot.configuration, 'pardot.sandbox')).toMatchObject({ type: 'BOOLEAN', defaultValue: 'false' });
	});

	// As Cloud Elements' own element exports have it (BigCommerce: username/password basic, oauth.* custom).
	it('says which entry belongs to which login: a COMBO authentication.type, groupName on each login\'s own entries', async () => {
		const hubspot = (await get('/elements/hubspot')).body as Element;
		expect(byKey(hubspot.configuration, 'authentication.type')).toMatchObject({
			type: 'COMBO',
			groupControl: true,
			options: [
				{ value: 'oauth2', description: 'oauth2' },
				{ value: 'apiKey', description: 'apiKey' },
			],
		});
		const groups = Object.fromEntries(hubspot.configuration.map((entry) => [entry.key, entry.groupName]));
		expect(groups).toMatchObject({
			'hubspot.authorization.apikey': 'apiKey',
			'oauth.api.key': 'oauth2',
			'oauth.api.secret': 'oauth2',
			'oauth.callback.url': 'oauth2',
			'create.bulk.properties': undefined,
		});
		const mailchimp = (await get('/elements/mailchimpv3')).body as Element;
		expect(mailchimp.configuration.some((entry) => 'groupName' in entry || entry.type === 'COMBO')).toBe(false);
	});

	it('has one element without a required visible field and one whose metadata leaves out a required key', async () => {
		const hackernews = (await get('/elements/hackernews')).body as Element;
		const netsuite = (await get('/elements/netsuitecrmv2')).body as Element;

		expect(asked(hackernews)).toEqual([]);
		expect(asked(netsuite)).toEqual(['user.username', 'user.password', 'netsuite.appId']);
		expect(byKey(netsuite.configuration, 'netsuite.accountId')).toBeUndefined();
	});
});

describe('POST /instances against the element metadata', () => {
	it('provisions every element from what its metadata asks for (and its consent), but the one whose metadata is incomplete', async () => {
		const refused: string[] = [];
		for (const element of await catalog()) {
			const configuration = Object.fromEntries(asked(element).map((key) => [key, `${key}-value`]));
			if (byKey(element.configuration, 'oauth.callback.url')) configuration['oauth.callback.url'] = CALLBACK;
			const providerData = await consented(element.key, configuration);
			const answer = await create({ element: { key: element.key }, configuration, providerData });
			if (answer.status !== 200) refused.push(`${element.key}: ${answer.body.message}`);
		}
		expect(refused).toEqual(['netsuitecrmv2: Missing required configuration: netsuite.accountId']);
	});

	it('provisions the incomplete element from a configuration that brings the undeclared key', async () => {
		const configuration = {
			'user.username': 'ops@example.com',
			'user.password': 'p',
			'netsuite.appId': 'a',
			'netsuite.accountId': '123',
		};
		expect((await create({ element: { key: 'netsuitecrmv2' }, configuration })).status).toBe(200);
	});

	it('provisions the element without a required visible field from no configuration at all', async () => {
		const answer = await create({ element: { key: 'hackernews' } });
		expect(answer.status).toBe(200);
		expect(answer.body.configuration).toMatchObject({
			'base.url': 'https://hacker-news.firebaseio.com/v0',
			'event.notification.enabled': 'false',
		});
	});

	it.each([
		['pardot', {}, 'apikey.user.name, apikey.user.password, apikey.user.key'],
		['pardot', { 'apikey.user.name': 'ops@example.com', 'apikey.user.key': '  ' }, 'apikey.user.password, apikey.user.key'],
		[
			'marketo',
			{ 'marketo.identity.url': 'https://123-ABC-456.mktorest.com/identity' },
			'oauth.api.key, oauth.api.secret, base.url',
		],
		['icontact', { 'api.version': '2.0' }, 'api.username, api.password, AppID'],
		['clover', { merchantId: 'M1' }, 'oauth.api.key, oauth.api.secret'],
	])('refuses %s %j, naming every missing key in metadata order', async (key, configuration, missing) => {
		const answer = await create({ element: { key }, configuration, providerData: { code: 'grant-code' } });

		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({ requestId: expect.any(String), message: `Missing required configuration: ${missing}` });
	});

	it.each([
		['hubspot', {}, 'oauth.api.key, oauth.api.secret, oauth.callback.url'],
		['hubspot', { 'authentication.type': 'oauth2' }, 'oauth.api.key, oauth.api.secret, oauth.callback.url'],
		['hubspot', { 'authentication.type': 'apiKey' }, 'hubspot.authorization.apikey'],
		['campaignmonitor', {}, 'username'],
		['campaignmonitor', { 'authentication.type': 'oauth2' }, 'oauth.api.key, oauth.api.secret, oauth.callback.url'],
	])('demands of %s %j only the keys of the authentication type in use', async (key, configuration, missing) => {
		const answer = await create({ element: { key }, configuration });
		expect(answer.body.message).toBe(`Missing required configuration: ${missing}`);
	});

	it('provisions HubSpot with an API key alone, without providerData', async () => {
		const configuration = { 'authentication.type': 'apiKey', 'hubspot.authorization.apikey': 'hubspot-api-key-value' };
		const answer = await create({ element: { key: 'hubspot' }, configuration });

		expect(answer.status).toBe(200);
		expect(answer.body.configuration).toMatchObject(configuration);
	});

	it('refuses an authentication type the element does not offer', async () => {
		const answer = await create({ element: { key: 'hubspot' }, configuration: { 'authentication.type': 'basic' } });
		expect(answer).toMatchObject({
			status: 400,
			body: { message: 'Invalid value for authentication.type: must be one of oauth2, apiKey' },
		});
	});

	it('takes only "true" or "false" for a BOOLEAN key, a JSON boolean too', async () => {
		const clover = { 'oauth.api.key': 'k', 'oauth.api.secret': 's', 'oauth.callback.url': CALLBACK, merchantId: 'M1' };
		const refused = await create({
			element: { key: 'clover' },
			configuration: { ...clover, 'clover.sandbox': 'yes' },
			providerData: { code: 'c' },
		});
		const events = await create({
			element: { key: 'mailjetmarketing' },
			configuration: { 'mailjetmarketing.api.key': 'k', 'mailjetmarketing.api.secret': 's', 'event.notification.enabled': 'on' },
		});
		const taken = await create({
			element: { key: 'clover' },
			configuration: { ...clover, 'clover.sandbox': true },
			providerData: await consented('clover', clover),
		});

		expect(refused).toMatchObject({
			status: 400,
			body: { message: 'Invalid value for clover.sandbox: must be one of true, false' },
		});
		expect(events).toMatchObject({
			status: 400,
			body: { message: 'Invalid value for event.notification.enabled: must be one of true, false' },
		});
		expect(taken.status).toBe(200);
		expect(taken.body.configuration['clover.sandbox']).toBe('true');
	});

	describe('providerData.code', () => {
		const mailchimpv3 = {
			'oauth.api.key': 'client-id',
			'oauth.api.secret': 'client-secret',
			'oauth.callback.url': CALLBACK,
		};

		it.each([
			['no providerData', {}],
			['an empty code', { providerData: { code: '' } }],
			['a blank code', { providerData: { code: '  ' } }],
			['a code that is not text', { providerData: { code: 42 } }],
		])('is demanded by an authorization-code OAuth 2 element: refused with %s', async (_case, extra) => {
			const answer = await create({ element: { key: 'mailchimpv3' }, configuration: mailchimpv3, ...extra });
			expect(answer).toMatchObject({ status: 400, body: { message: 'Missing required provider data: providerData.code' } });
		});

		it('is demanded after the configuration: missing keys are named first', async () => {
			const answer = await create({ element: { key: 'eloqua' } });
			expect(answer.body.message).toBe('Missing required configuration: oauth.api.key, oauth.api.secret, oauth.callback.url');
		});

		it('provisions with a code, or from a refresh token with externalAuthentication "initial"', async () => {
			const coded = await create({
				element: { key: 'mailchimpv3' },
				configuration: mailchimpv3,
				providerData: await consented('mailchimpv3', mailchimpv3),
			});
			const external = await create({
				element: { key: 'mailchimpv3' },
				configuration: { ...mailchimpv3, 'oauth.user.refresh_token': 'refresh-token-value' },
				externalAuthentication: 'initial',
			});

			expect(coded).toMatchObject({ status: 200, body: { externalAuthentication: 'none' } });
			expect(external).toMatchObject({ status: 200, body: { externalAuthentication: 'initial' } });
		});

		it('is demanded by HubSpot with OAuth 2, not with an API key', async () => {
			const oauth = await create({ element: { key: 'hubspot' }, configuration: mailchimpv3 });
			expect(oauth.body.message).toBe('Missing required provider data: providerData.code');
		});

		it.each([
			['none', {}],
			['empty', { providerData: { code: '' } }],
		])('is not demanded by a client-credentials element (Marketo): %s', async (_case, extra) => {
			const configuration = {
				'oauth.api.key': 'client-id',
				'oauth.api.secret': 'client-secret',
				'marketo.identity.url': 'https://123-ABC-456.mktorest.com/identity',
				'base.url': 'https://123-ABC-456.mktorest.com',
			};
			expect((await create({ element: { key: 'marketo' }, configuration, ...extra })).status).toBe(200);
		});
	});

	it.each([
		[
			'mailjetmarketing',
			{ 'mailjetmarketing.api.key': 'key-value', 'mailjetmarketing.api.secret': 'secret-value' },
			{ 'mailjetmarketing.api.key': 'key-value', 'mailjetmarketing.api.secret': '********' },
		],
		[
			'icontact',
			{ 'api.version': '2.0', 'api.username': 'ops', 'api.password': 'password-value', 'AppID': 'app' },
			{ 'api.username': 'ops', 'api.password': '********' },
		],
		['campaignmonitor', { username: 'campaign-monitor-api-key' }, { username: '********', 'authentication.type': 'basic' }],
		[
			'pardot',
			{ 'apikey.user.name': 'ops', 'apikey.user.password': 'password-value', 'apikey.user.key': 'user-key-value' },
			{ 'apikey.user.password': '********', 'apikey.user.key': 'user-key-value' },
		],
		['autopilot', { 'api.key': 'autopilot-key-value' }, { 'api.key': 'autopilot-key-value' }],
		['mailchimp', { 'api.key': 'mailchimp-key-value' }, { 'api.key': 'mailchimp-key-value' }],
		[
			'hubspot',
			{ 'authentication.type': 'apiKey', 'hubspot.authorization.apikey': 'hubspot-key-value' },
			{ 'hubspot.authorization.apikey': 'hubspot-key-value' },
		],
	])('reads %s back with its PASSWORD keys masked, but those it echoes', async (key, configuration, shown) => {
		const created = await create({ element: { key }, configuration });
		const fetched = await get(`/instances/${created.body.id}`);

		expect(created.body.configuration).toMatchObject(shown);
		expect(fetched.body.configuration).toMatchObject(shown);
	});

	it('checks updates against the metadata too, for the authentication type they switch to', async () => {
		const created = await create({
			element: { key: 'hubspot' },
			configuration: { 'authentication.type': 'apiKey', 'hubspot.authorization.apikey': 'k' },
		});
		const switched = await call(ctx.fake, `/instances/${created.body.id}`, {
			method: 'PATCH',
			body: { configuration: { 'authentication.type': 'oauth2' } },
		});

		expect(switched).toMatchObject({
			status: 400,
			body: { message: 'Missing required configuration: oauth.api.key, oauth.api.secret, oauth.callback.url' },
		});
	});
});
