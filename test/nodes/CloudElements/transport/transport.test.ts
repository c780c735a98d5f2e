import { useFakeCloudElements } from '../../../harness/fake';
import { runProvision } from '../../../harness/provision';
import { leakedSecrets } from '../../../harness/shown';

const ctx = useFakeCloudElements();

const secrets = ['demo-user-secret', 'demo-organization-secret', 'pardot-password-value', 'pardot-user-key-value'];

const parameters = {
	operation: 'provisionPardot',
	instanceName: 'acme-pardot',
	pardotUsername: 'ops@acme.example',
	pardotPassword: 'pardot-password-value',
	pardotUserKey: 'pardot-user-key-value',
};

/**
 * Everything the engine kept of the run (errors, output, run data) except the
 * workflow's own node definitions, where a user who typed a secret by hand
 * left it.
 */
function everythingShown(run: unknown): string {
	return JSON.stringify(run, (key, value) => (key === 'node' ? undefined : value));
}

describe('API failures', () => {
	it('surfaces a 400 with its HTTP status, Cloud Elements message and request ID', async () => {
		ctx.fake.inject({
			path: '/instances',
			status: 400,
			body: { message: 'Failed to connect to Pardot with the given user key', requestId: '5b0437c6e4b07731ae39b533' },
		});
		const { status, error } = await runProvision({ fake: ctx.fake, parameters });

		expect(status).toBe('error');
		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('400');
		expect(error.message).toBe('Cloud Elements answered 400: Failed to connect to Pardot with the given user key');
		expect(error.description).toContain('5b0437c6e4b07731ae39b533');
		expect(error.context.itemIndex).toBe(0);
	});

	it('surfaces a 401 for wrong secrets without showing them', async () => {
		const { status, error, run } = await runProvision({
			fake: ctx.fake,
			parameters,
			credentials: { organizationSecret: 'wrong-organization-secret' },
		});

		expect(status).toBe('error');
		expect(error.httpCode).toBe('401');
		expect(error.message).toBe('Cloud Elements answered 401: Invalid user secret and/or organization secret.');
		expect(error.description).toContain('Check the user secret and organization secret');
		const shown = everythingShown(run);
		for (const secret of [...secrets, 'wrong-organization-secret']) expect(shown).not.toContain(secret);
	});

	it('surfaces a 500 with the service message', async () => {
		ctx.fake.inject({ status: 500, body: { message: 'Something went wrong on the Cloud Elements server' } });
		const { error } = await runProvision({ fake: ctx.fake, parameters });
		expect(error.httpCode).toBe('500');
		expect(error.message).toBe('Cloud Elements answered 500: Something went wrong on the Cloud Elements server');
	});

	it('surfaces an HTML error page by its status', async () => {
		ctx.fake.inject({ status: 502, rawBody: '<html><body>Bad gateway</body></html>', contentType: 'text/html' });
		const { error } = await runProvision({ fake: ctx.fake, parameters: { ...parameters, options: { maxTries: 1, lookWindowMs: 0 } } });
		expect(error.httpCode).toBe('502');
		expect(error.message).toBe('Cloud Elements answered 502');
	});

	it('says when Cloud Elements cannot be reached', async () => {
		const { error } = await runProvision({
			fake: ctx.fake,
			parameters,
			credentials: { baseUrl: 'http://127.0.0.1:9/elements/api-v2' },
		});
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toMatch(/^Could not reach Cloud Elements: .*(refused|ECONNREFUSED)/);
	});

	it('redacts a secret that the service message repeats', async () => {
		ctx.fake.inject({ status: 400, body: { message: 'User key pardot-user-key-value is not valid' } });
		const { error, run } = await runProvision({ fake: ctx.fake, parameters });
		expect(error.message).toBe('Cloud Elements answered 400: User key [redacted] is not valid');
		const shown = everythingShown(run);
		for (const secret of secrets) expect(shown).not.toContain(secret);
	});

	it('redacts a secret that the service message repeats JSON-escaped, URL-encoded or base64-encoded', async () => {
		const password = 'p"a\\ss w&rd/1';
		const echoed = [
			JSON.stringify({ 'apikey.user.password': password }),
			`https://pi.pardot.com/login?password=${encodeURIComponent(password)}`,
			`token ${Buffer.from(password).toString('base64')}`,
		].join(' | ');
		ctx.fake.inject({ status: 400, body: { message: `Rejected ${echoed}` } });
		const { error, run } = await runProvision({ fake: ctx.fake, parameters: { ...parameters, pardotPassword: password } });

		expect(error.message).toBe(
			'Cloud Elements answered 400: Rejected {"apikey.user.password":"[redacted]"} | https://pi.pardot.com/login?password=[redacted] | token [redacted]',
		);
		expect(leakedSecrets(everythingShown(run), [password])).toEqual([]);
	});

	it('keeps every secret out of errors and output with On Error: Continue', async () => {
		ctx.fake.inject({ status: 500, body: { message: 'Internal error' } });
		const { items, run } = await runProvision({
			fake: ctx.fake,
			items: [{}, {}],
			// One at a time, so the first item is the one that meets the 500.
			parameters: { ...parameters, options: { concurrency: 1 } },
			onError: 'continueRegularOutput',
		});
		expect(items[0].json.error).toBe('Cloud Elements answered 500: Internal error');
		expect(items[1].json.token).toEqual(expect.any(String));
		const shown = everythingShown(run);
		for (const secret of secrets) expect(shown).not.toContain(secret);
	});
});

describe('credentials', () => {
	it('rejects a Custom base URL that is not an http(s) URL, naming the field', async () => {
		const { error, requests } = await runProvision({
			fake: ctx.fake,
			parameters,
			credentials: { baseUrl: 'api.cloud-elements.com/elements/api-v2' },
		});
		expect(requests).toHaveLength(0);
		expect(error.message).toBe('The Base URL in the Cloud Elements API credentials is not an http(s) URL');
	});

	it.each(['?tenant=acme', '#top'])('rejects a Custom base URL ending in %s before sending the secrets anywhere', async (suffix) => {
		const { error, requests } = await runProvision({ fake: ctx.fake, parameters, credentials: { baseUrl: `${ctx.fake.url}${suffix}` } });
		expect(requests).toHaveLength(0);
		expect(error.message).toBe(
			'The Base URL in the Cloud Elements API credentials must not have a query (?…) or fragment (#…): end it with /elements/api-v2',
		);
	});

	it('provisions through SAP Open Connectors on a landscape typed as Other, at /elements/api-v2 of its host', async () => {
		const host = ctx.fake.url.replace(/\/elements\/api-v2$/, '');
		const { status, items } = await runProvision({
			fake: ctx.fake,
			parameters,
			credentials: { environment: 'openConnectors', openConnectorsHost: 'other', openConnectorsOtherHost: ` ${host}/ ` },
		});
		expect(status).toBe('success');
		expect(items[0].json).toMatchObject({ id: ctx.fake.instances[0].id, token: ctx.fake.instances[0].token });
	});

	it('rejects an Open Connectors host with a path, naming the field', async () => {
		const { error, requests } = await runProvision({
			fake: ctx.fake,
			parameters,
			credentials: { environment: 'openConnectors', openConnectorsHost: 'other', openConnectorsOtherHost: `${ctx.fake.url}` },
		});
		expect(requests).toHaveLength(0);
		expect(error.message).toBe('The Open Connectors Host in the Cloud Elements API credentials is not a host name');
	});

	it('runs with a credential saved by version 0.1: the environment holds the API root', async () => {
		const { status } = await runProvision({ fake: ctx.fake, parameters, credentials: { environment: ctx.fake.url, baseUrl: '' } });
		expect(status).toBe('success');
	});

	it('tolerates a trailing slash on the Custom base URL', async () => {
		const { status, requests } = await runProvision({
			fake: ctx.fake,
			parameters,
			credentials: { baseUrl: `${ctx.fake.url}/` },
		});
		expect(status).toBe('success');
		expect(requests[0].path).toBe('/instances');
	});
});
