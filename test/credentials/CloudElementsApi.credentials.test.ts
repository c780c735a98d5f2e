import { useFakeCloudElements } from '../harness/fake';
import { fakeCredentials } from '../harness/provision';
import { loadPackage, testCredentials } from '../harness/engine';

const ctx = useFakeCloudElements();

describe('Cloud Elements API credentials', () => {
	it('passes the Test button with the right secrets, sending the documented header', async () => {
		const result = await testCredentials('cloudElementsApi', fakeCredentials(ctx.fake));

		expect(result).toEqual({ ok: true });
		expect(ctx.fake.requests[0]).toMatchObject({ method: 'GET', path: '/instances', query: { pageSize: '1' } });
		expect(ctx.fake.requests[0].headers.authorization).toBe(
			'User demo-user-secret, Organization demo-organization-secret',
		);
	});

	it('fails the Test button with a clear message on a wrong secret', async () => {
		const result = await testCredentials(
			'cloudElementsApi',
			fakeCredentials(ctx.fake, { userSecret: 'wrong-user-secret' }),
		);

		expect(result.ok).toBe(false);
		expect(result.httpCode).toBe('401');
		expect(result.message).toBe('Authorization failed - please check your credentials');
		expect(result.description).toBe('Invalid user secret and/or organization secret.');
	});

	it('tests against the Custom base URL with its trailing slashes removed', async () => {
		const result = await testCredentials('cloudElementsApi', fakeCredentials(ctx.fake, { baseUrl: `${ctx.fake.url}//` }));
		expect(result).toEqual({ ok: true });
	});

	it('passes the Test button for SAP Open Connectors on another landscape, under /elements/api-v2 of its host', async () => {
		const host = ctx.fake.url.replace(/\/elements\/api-v2$/, '');
		const result = await testCredentials('cloudElementsApi', {
			...fakeCredentials(ctx.fake),
			environment: 'openConnectors',
			openConnectorsHost: 'other',
			openConnectorsOtherHost: `${host}/`,
		});

		expect(result).toEqual({ ok: true });
		expect(ctx.fake.requests[0]).toMatchObject({ method: 'GET', path: '/instances' });
	});

	it('passes the Test button with a credential saved by version 0.1 (environment holding the API root)', async () => {
		const saved = { userSecret: ctx.fake.userSecret, organizationSecret: ctx.fake.organizationSecret, environment: ctx.fake.url, baseUrl: '' };
		expect(await testCredentials('cloudElementsApi', saved)).toEqual({ ok: true });
	});

	it.each(['?tenant=acme', '#top'])('fails the Test button for a Custom base URL ending in %s, sending nothing', async (suffix) => {
		const result = await testCredentials('cloudElementsApi', fakeCredentials(ctx.fake, { baseUrl: `${ctx.fake.url}${suffix}` }));

		expect(result).toMatchObject({
			ok: false,
			message: 'The Base URL in the Cloud Elements API credentials must not have a query (?…) or fragment (#…): end it with /elements/api-v2',
		});
		expect(ctx.fake.requests).toHaveLength(0);
	});

	it('fails the Test button naming the Open Connectors host that is not one, sending nothing', async () => {
		const result = await testCredentials('cloudElementsApi', {
			...fakeCredentials(ctx.fake),
			environment: 'openConnectors',
			openConnectorsHost: 'other',
			openConnectorsOtherHost: 'api.example.com/elements?x',
		});

		expect(result).toMatchObject({ ok: false, message: 'The Open Connectors Host in the Cloud Elements API credentials is not a host name' });
		expect(ctx.fake.requests).toHaveLength(0);
	});

	it('masks both secrets and shows Base URL only for the Custom environment', async () => {
		const { credentialTypes } = await loadPackage();
		const properties = credentialTypes.cloudElementsApi.type.properties as Array<{
			name: string;
			typeOptions?: { password?: boolean };
			displayOptions?: unknown;
			options?: Array<{ name: string; value: string }>;
		}>;
		const byName = Object.fromEntries(properties.map((property) => [property.name, property]));

		expect(byName.userSecret.typeOptions?.password).toBe(true);
		expect(byName.organizationSecret.typeOptions?.password).toBe(true);
		expect(byName.environment.options?.map((option) => option.name)).toEqual([
			'Cloud Elements US Production',
			'Cloud Elements EU Production',
			'Cloud Elements Staging',
			'SAP Open Connectors',
			'Custom',
		]);
		expect(byName.baseUrl.displayOptions).toEqual({ show: { environment: ['custom'] } });
	});
});
