import { authorize, call, OAUTH_APP, OAUTH_APP_CONFIGURATION } from '../harness/api';
import { useFakeCloudElements } from '../harness/fake';
import { createInstances } from '../harness/instances';

// Instance health as the platform shows it (`valid`, `disabled`) and what brings an
// instance back: re-authentication with a fresh code, a PUT with corrected credentials, PUT /enabled.

const ctx = useFakeCloudElements();

const get = (id: number) => call(ctx.fake, `/instances/${id}`);
const send = (method: string, path: string, body?: unknown) => call(ctx.fake, path, { method, body });

describe('valid and disabled', () => {
	it('shows a new instance valid and enabled', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme', element: 'autopilot' }]);
		expect(acme).toMatchObject({ valid: true, disabled: false });
	});

	it('shows an instance broken by the test hook as it is, in every answer', async () => {
		const [acme, globex] = await createInstances(ctx.fake, [
			{ name: 'acme', element: 'autopilot' },
			{ name: 'globex', element: 'autopilot' },
		]);

		expect(ctx.fake.breakInstance(acme.id)).toMatchObject({ id: acme.id, valid: false, disabled: true });
		ctx.fake.breakInstance(globex.id, { valid: false, disabled: false });

		expect((await get(acme.id)).body).toMatchObject({ valid: false, disabled: true });
		const listed = (await call(ctx.fake, '/instances')).body as Array<{ valid: boolean; disabled: boolean }>;
		expect(listed.map(({ valid, disabled }) => ({ valid, disabled }))).toEqual([
			{ valid: false, disabled: true },
			{ valid: false, disabled: false },
		]);
		expect(() => ctx.fake.breakInstance(99999)).toThrow('No instance found with ID 99999');
	});

	it('enables with PUT /enabled and disables with DELETE, leaving valid alone', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme', element: 'autopilot' }]);
		ctx.fake.breakInstance(acme.id);

		expect((await send('PUT', `/instances/${acme.id}/enabled`)).body).toMatchObject({ disabled: false, valid: false });
		expect((await send('DELETE', `/instances/${acme.id}/enabled`)).body).toMatchObject({ disabled: true, valid: false });
		expect((await send('PATCH', `/instances/${acme.id}/enabled`)).status).toBe(405);
	});
});

describe('PUT /instances/{id} for an element without a consent step', () => {
	it('re-checks new credentials against the metadata and makes the instance valid, keeping id, token and disabled', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme', element: 'autopilot' }]);
		ctx.fake.breakInstance(acme.id);

		const blank = await send('PUT', `/instances/${acme.id}`, { configuration: { 'api.key': ' ' } });
		expect(blank).toMatchObject({ status: 400, body: { message: 'Missing required configuration: api.key' } });
		expect((await get(acme.id)).body.valid).toBe(false);

		const fixed = await send('PUT', `/instances/${acme.id}`, { configuration: { 'api.key': 'rotated-key' } });
		expect(fixed.status).toBe(200);
		expect(fixed.body).toMatchObject({ id: acme.id, token: acme.token, valid: true, disabled: true });
		expect(fixed.body.configuration['api.key']).toBe('rotated-key');
	});

	it('re-checks with ?reAuthenticate=true too, new configuration or not', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme' }]);
		ctx.fake.breakInstance(acme.id, { disabled: false });

		const answer = await send('PUT', `/instances/${acme.id}?reAuthenticate=true`, { name: 'acme' });
		expect(answer.body).toMatchObject({ id: acme.id, token: acme.token, valid: true, disabled: false });
	});

	it('leaves valid alone on a rename, a PATCH of tags or of configuration', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme', element: 'autopilot' }]);
		ctx.fake.breakInstance(acme.id, { disabled: false });

		await send('PUT', `/instances/${acme.id}`, { name: 'acme-renamed', configuration: {} });
		await send('PATCH', `/instances/${acme.id}`, { tags: ['customer-1'] });
		await send('PATCH', `/instances/${acme.id}`, { configuration: { 'api.key': 'rotated-key' } });

		expect((await get(acme.id)).body).toMatchObject({ name: 'acme-renamed', tags: ['customer-1'], valid: false });
	});

	it('changes nothing when part of the update is refused', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme', element: 'autopilot' }]);
		const refused = await send('PUT', `/instances/${acme.id}`, { name: 'renamed', tags: 'not-a-list' });

		expect(refused).toMatchObject({ status: 400, body: { message: 'tags must be a list of strings' } });
		expect((await get(acme.id)).body.name).toBe('acme');
	});
});

/** A fresh authorization code for the app, as the consent page's callback brings it. */
const freshCode = async (key: string, app: Record<string, string> = OAUTH_APP) => (await authorize(ctx.fake, key, app)).code;

/** An OAuth instance provisioned with a code, then broken as after five failed token refreshes. */
async function brokenOAuthInstance(key = 'hubspot') {
	const created = await send('POST', '/instances', {
		element: { key },
		name: 'acme',
		configuration: OAUTH_APP_CONFIGURATION,
		providerData: { code: await freshCode(key) },
	});
	expect(created.status).toBe(200);
	return ctx.fake.breakInstance(created.body.id);
}

const tokensOf = (instance: { configuration: Record<string, string> }) => [
	instance.configuration['oauth.user.token'],
	instance.configuration['oauth.user.refresh_token'],
];

describe('re-authentication of an OAuth instance', () => {
	it('follows the documented recipe: GET body without its tokens, a fresh code, PUT ?reAuthenticate=true', async () => {
		const broken = await brokenOAuthInstance('mailchimpv3');
		const read = (await get(broken.id)).body;
		const configuration = { ...read.configuration };
		// Step 4 of the recipe: delete the tokens from the body.
		delete configuration['oauth.user.token'];
		delete configuration['oauth.user.refresh_token'];
		const recipe = { ...read, configuration, providerData: { code: await freshCode('mailchimpv3') } };

		// The body carries oauth.api.secret as it was read, masked: the stored secret stands.
		expect(configuration['oauth.api.secret']).toBe('********');
		const answer = await send('PUT', `/instances/${broken.id}?reAuthenticate=true`, recipe);

		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({ id: broken.id, token: broken.token, valid: true, disabled: true });
		expect(answer.body).not.toHaveProperty('providerData');
		expect((await send('PUT', `/instances/${broken.id}/enabled`)).body).toMatchObject({ valid: true, disabled: false });
	});

	it('gives the same instance new tokens (HubSpot echoes them), keeping its id and token', async () => {
		const broken = await brokenOAuthInstance();
		const answer = await send('PUT', `/instances/${broken.id}?reAuthenticate=true`, {
			providerData: { code: await freshCode('hubspot') },
		});

		expect(answer.body).toMatchObject({ id: broken.id, token: broken.token, valid: true });
		const [token, refresh] = tokensOf(answer.body);
		expect(token).toMatch(/^[\w-]{32}$/);
		expect([token, refresh]).not.toEqual(tokensOf(broken));
		expect(ctx.fake.instances).toHaveLength(1);
	});

	it.each([
		['PUT without reAuthenticate', 'PUT', ''],
		['PATCH with only a name and the code', 'PATCH', ''],
		['PATCH ?reAuthenticate=true', 'PATCH', '?reAuthenticate=true'],
	])('re-authenticates with a fresh code in providerData: %s', async (_case, method, query) => {
		const broken = await brokenOAuthInstance();
		const answer = await send(method, `/instances/${broken.id}${query}`, {
			name: 'acme-renewed',
			providerData: { code: await freshCode('hubspot') },
		});

		expect(answer.body).toMatchObject({ id: broken.id, token: broken.token, name: 'acme-renewed', valid: true });
		expect(tokensOf(answer.body)).not.toEqual(tokensOf(broken));
	});

	it('demands the code with ?reAuthenticate=true', async () => {
		const broken = await brokenOAuthInstance();
		for (const body of [{}, { providerData: { code: ' ' } }]) {
			expect(await send('PUT', `/instances/${broken.id}?reAuthenticate=true`, body)).toMatchObject({
				status: 400,
				body: { message: 'Missing required provider data: providerData.code' },
			});
		}
		expect((await get(broken.id)).body.valid).toBe(false);
	});

	it('refuses a code used already, or made for another app, as a create does, and changes nothing', async () => {
		const broken = await brokenOAuthInstance();
		const used = await freshCode('hubspot');
		await send('POST', '/instances', {
			element: { key: 'hubspot' },
			name: 'other',
			configuration: OAUTH_APP_CONFIGURATION,
			providerData: { code: used },
		});
		const otherApp = await freshCode('hubspot', { ...OAUTH_APP, apiSecret: 'rotated-secret-value' });

		expect(
			(await send('PUT', `/instances/${broken.id}?reAuthenticate=true`, { providerData: { code: used } })).body.message,
		).toBe('invalid_grant: providerData.code has already been used');
		expect(
			(await send('PUT', `/instances/${broken.id}?reAuthenticate=true`, { providerData: { code: otherApp } })).body.message,
		).toBe('invalid_grant: providerData.code was issued with another oauth.api.secret');
		expect((await get(broken.id)).body).toMatchObject({
			valid: false,
			configuration: { 'oauth.user.token': tokensOf(broken)[0] },
		});
	});

	it('re-authenticates with a new app when the configuration brings it with the code', async () => {
		const broken = await brokenOAuthInstance();
		const code = await freshCode('hubspot', { ...OAUTH_APP, apiSecret: 'rotated-secret-value' });
		const answer = await send('PUT', `/instances/${broken.id}?reAuthenticate=true`, {
			configuration: { 'oauth.api.secret': 'rotated-secret-value' },
			providerData: { code },
		});

		expect(answer.body).toMatchObject({ valid: true, configuration: { 'oauth.api.secret': 'rotated-secret-value' } });
	});

	it('re-authenticates an instance provisioned from an existing refresh token', async () => {
		const created = await send('POST', '/instances', {
			element: { key: 'mailchimpv3' },
			name: 'acme',
			configuration: { ...OAUTH_APP_CONFIGURATION, 'oauth.user.refresh_token': 'existing-refresh-token' },
			externalAuthentication: 'initial',
		});
		ctx.fake.breakInstance(created.body.id);
		const answer = await send('PUT', `/instances/${created.body.id}?reAuthenticate=true`, {
			providerData: { code: await freshCode('mailchimpv3') },
		});

		expect(answer.body).toMatchObject({ id: created.body.id, valid: true, externalAuthentication: 'initial' });
	});

	it('leaves valid and the tokens alone on an update without providerData or reAuthenticate', async () => {
		const broken = await brokenOAuthInstance();
		const answer = await send('PUT', `/instances/${broken.id}`, {
			name: 'acme-renamed',
			configuration: { 'create.bulk.properties': 'true' },
		});

		expect(answer.body).toMatchObject({ name: 'acme-renamed', valid: false });
		expect(tokensOf(answer.body)).toEqual(tokensOf(broken));
	});
});
