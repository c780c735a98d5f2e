import { useFakeCloudElements } from '../../../../harness/fake';
// The one-off tag that lets a retried create find an instance whose answer was lost.
const marker = expect.stringMatching(/^n8n-provision:[0-9a-f-]{36}$/);
import { runProvision } from '../../../../harness/provision';

const ctx = useFakeCloudElements();

const pardotParameters = {
	operation: 'provisionPardot',
	instanceName: 'acme-pardot',
	pardotUsername: 'marketing@acme.example',
	pardotPassword: 'pardot-password-value',
	pardotUserKey: 'pardot-user-key-value',
	tags: ['customer-42', 'onboarding'],
};

describe('Provision Pardot Instance', () => {
	it('sends the documented body and header, and outputs the instance with its id and token', async () => {
		const { status, items, requests } = await runProvision({ fake: ctx.fake, parameters: pardotParameters });

		expect(status).toBe('success');
		expect(requests).toHaveLength(1);
		expect(requests[0].method).toBe('POST');
		expect(requests[0].path).toBe('/instances');
		expect(requests[0].headers.authorization).toBe(
			'User demo-user-secret, Organization demo-organization-secret',
		);
		expect(requests[0].headers['content-type']).toMatch(/^application\/json/);
		expect(requests[0].body).toEqual({
			element: { key: 'pardot' },
			configuration: {
				'apikey.user.name': 'marketing@acme.example',
				'apikey.user.password': 'pardot-password-value',
				'apikey.user.key': 'pardot-user-key-value',
				'provider.version': '3',
			},
			tags: ['customer-42', 'onboarding', marker],
			name: 'acme-pardot',
		});

		const [created] = ctx.fake.instances;
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toMatchObject({
			id: created.id,
			token: created.token,
			name: 'acme-pardot',
			element: { key: 'pardot', name: 'Pardot' },
			tags: ['customer-42', 'onboarding', marker],
			valid: true,
			provisionAction: 'created',
		});
		expect(typeof items[0].json.token).toBe('string');
	});

	it('sends API version 4 when chosen', async () => {
		const { requests } = await runProvision({
			fake: ctx.fake,
			parameters: { ...pardotParameters, pardotApiVersion: '4' },
		});
		expect(requests[0].body.configuration['provider.version']).toBe('4');
	});

	it('masks the Pardot secrets in the output', async () => {
		const { items } = await runProvision({ fake: ctx.fake, parameters: pardotParameters });
		const output = JSON.stringify(items);
		expect(output).not.toContain('pardot-password-value');
		expect(output).not.toContain('pardot-user-key-value');
		expect(items[0].json.configuration).toMatchObject({
			'apikey.user.name': 'marketing@acme.example',
			'apikey.user.password': '********',
		});
	});

	it('sends the instance settings from Additional Fields as strings', async () => {
		const { requests } = await runProvision({
			fake: ctx.fake,
			parameters: {
				...pardotParameters,
				additionalFields: {
					eventsEnabled: true,
					eventCallbackUrl: 'https://hooks.example.com/ce',
					pollingInterval: 5,
					filterNulls: false,
				},
			},
		});
		expect(requests[0].body.configuration).toMatchObject({
			'event.notification.enabled': 'true',
			'event.notification.callback.url': 'https://hooks.example.com/ce',
			'event.poller.refresh_interval': '5',
			'filter.response.nulls': 'false',
		});
	});
});

describe('Provision Autopilot Instance', () => {
	const autopilotParameters = {
		operation: 'provisionAutopilot',
		instanceName: 'acme-autopilot',
		autopilotApiKey: 'autopilot-api-key-value',
		tags: ['customer-42'],
	};

	it('sends the documented body and outputs the instance with its id and token', async () => {
		const { status, items, requests } = await runProvision({ fake: ctx.fake, parameters: autopilotParameters });

		expect(status).toBe('success');
		expect(requests[0].body).toEqual({
			element: { key: 'autopilot' },
			configuration: { 'api.key': 'autopilot-api-key-value' },
			tags: ['customer-42', marker],
			name: 'acme-autopilot',
		});
		const [created] = ctx.fake.instances;
		expect(items[0].json).toMatchObject({
			id: created.id,
			token: created.token,
			element: { key: 'autopilot' },
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('masks the API key Cloud Elements echoes, unless Include Secrets in Output is on', async () => {
		const masked = await runProvision({ fake: ctx.fake, parameters: autopilotParameters });
		expect(masked.items[0].json.configuration).toMatchObject({ 'api.key': '********' });

		const shown = await runProvision({
			fake: ctx.fake,
			parameters: { ...autopilotParameters, options: { includeSecrets: true } },
		});
		expect(shown.items[0].json.configuration).toMatchObject({ 'api.key': 'autopilot-api-key-value' });
	});
});

describe('per-item expressions', () => {
	it('provisions one instance per customer item, each from its own fields, in order and paired', async () => {
		const customers = [
			{ company: 'Acme', email: 'ops@acme.example', key: 'acme-user-key', segment: 'smb' },
			{ company: 'Globex', email: 'it@globex.example', key: 'globex-user-key', segment: 'enterprise' },
			{ company: 'Initech', email: 'tps@initech.example', key: 'initech-user-key', segment: 'smb' },
		];
		const { status, items, requests } = await runProvision({
			fake: ctx.fake,
			items: customers,
			parameters: {
				operation: 'provisionPardot',
				instanceName: '={{ $json.company.toLowerCase() }}-pardot',
				pardotUsername: '={{ $json.email }}',
				pardotPassword: 'shared-password-value',
				pardotUserKey: '={{ $json.key }}',
				pardotApiVersion: '={{ $json.segment === "enterprise" ? "4" : "3" }}',
				tags: ['={{ $json.segment }}', 'onboarding'],
			},
		});

		expect(status).toBe('success');
		expect(requests.map((request) => request.body.name)).toEqual([
			'acme-pardot',
			'globex-pardot',
			'initech-pardot',
		]);
		expect(requests.map((request) => request.body.configuration['apikey.user.key'])).toEqual([
			'acme-user-key',
			'globex-user-key',
			'initech-user-key',
		]);
		expect(requests.map((request) => request.body.configuration['provider.version'])).toEqual(['3', '4', '3']);
		expect(requests[1].body.tags).toEqual(['enterprise', 'onboarding', marker]);

		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items.map((item) => item.json.name)).toEqual(['acme-pardot', 'globex-pardot', 'initech-pardot']);
		const tokens = items.map((item) => item.json.token);
		expect(new Set(tokens).size).toBe(3);
		expect(tokens).toEqual(ctx.fake.instances.map((instance: { token: string }) => instance.token));
	});

	it('takes a whole list of tags from one expression', async () => {
		const { requests } = await runProvision({
			fake: ctx.fake,
			items: [{ tags: ['a', 'b'] }],
			parameters: { ...pardotParameters, tags: ['={{ $json.tags }}', 'c'] },
		});
		expect(requests[0].body.tags).toEqual(['a', 'b', 'c', marker]);
	});
});

// The editor (and n8n's engine) already refuse a required field left empty by
// hand; what reaches the node empty comes from expressions over the input.
describe('pre-flight validation', () => {
	const fromInput = {
		operation: 'provisionPardot',
		instanceName: '={{ $json.company }}',
		pardotUsername: '={{ $json.email }}',
		pardotPassword: '={{ $json.password }}',
		pardotUserKey: '={{ $json.userKey }}',
	};

	it('names every missing Pardot entry and sends nothing', async () => {
		const { status, error, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ company: 'acme', email: 'ops@acme.example' }],
			parameters: fromInput,
		});

		expect(status).toBe('error');
		expect(requests).toHaveLength(0);
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe(
			'Missing or invalid Pardot fields: Password (apikey.user.password) is missing; User Key (apikey.user.key) is missing',
		);
		expect(error.context.itemIndex).toBe(0);
	});

	it('names the item whose expression left a field empty, and sends nothing for any item', async () => {
		const { status, error, requests } = await runProvision({
			fake: ctx.fake,
			items: [
				{ company: 'acme', email: 'ops@acme.example', password: 'pw-1', userKey: 'key-1' },
				{ company: 'globex', email: 'it@globex.example', password: 'pw-2', userKey: '' },
			],
			parameters: fromInput,
		});

		expect(status).toBe('error');
		expect(error.message).toBe(
			'Missing or invalid Pardot fields: User Key (apikey.user.key) is missing [item 1]',
		);
		expect(error.context.itemIndex).toBe(1);
		// Every item is checked before the first call: a rerun after fixing item 1 duplicates nothing.
		expect(requests).toHaveLength(0);
	});

	it('names a blank instance name and a wrong API version', async () => {
		const { error, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ company: '  ', version: 5 }],
			parameters: { ...pardotParameters, instanceName: '={{ $json.company }}', pardotApiVersion: '={{ $json.version }}' },
		});
		expect(requests).toHaveLength(0);
		expect(error.message).toBe(
			'Missing or invalid Pardot fields: API Version (provider.version) must be one of 3, 4 (got "5"); Instance Name is missing',
		);
	});

	it('never echoes a secret that has the wrong type', async () => {
		const { error } = await runProvision({
			fake: ctx.fake,
			items: [{ key: { nested: 'secret-object-value' } }],
			parameters: { ...pardotParameters, pardotUserKey: '={{ $json.key }}' },
		});
		expect(error.message).toBe(
			'Missing or invalid Pardot fields: User Key (apikey.user.key) must be text, not object',
		);
		expect(JSON.stringify(error)).not.toContain('secret-object-value');
	});

	it('names the missing Autopilot API key', async () => {
		const { error, requests } = await runProvision({
			fake: ctx.fake,
			items: [{}],
			parameters: { operation: 'provisionAutopilot', instanceName: 'acme', autopilotApiKey: '={{ $json.apiKey }}' },
		});
		expect(requests).toHaveLength(0);
		expect(error.message).toBe('Missing or invalid Autopilot fields: API Key (api.key) is missing');
	});

	it('names the item only where the node got several: for one (an AI Agent tool call) it would be noise', async () => {
		const parameters = { operation: 'provisionAutopilot', instanceName: '={{ $json.name }}', autopilotApiKey: '={{ $json.apiKey }}' };
		const alone = await runProvision({ fake: ctx.fake, items: [{ name: 'acme' }], parameters });
		const among = await runProvision({ fake: ctx.fake, items: [{ name: 'acme', apiKey: 'acme-key' }, { name: 'globex' }], parameters });
		expect([alone.error.message, alone.error.context.itemIndex]).toEqual(['Missing or invalid Autopilot fields: API Key (api.key) is missing', 0]);
		expect([among.error.message, among.error.context.itemIndex]).toEqual([
			'Missing or invalid Autopilot fields: API Key (api.key) is missing [item 1]',
			1,
		]);
		expect(ctx.fake.instances).toHaveLength(0);
	});
});

describe('the seed operations send the same bytes as version 0.1', () => {
	const withoutMarker = (raw: string) => raw.replace(/n8n-provision:[0-9a-f-]{36}/, 'MARKER');

	it('Pardot', async () => {
		const { requests } = await runProvision({ fake: ctx.fake, parameters: pardotParameters });
		expect(withoutMarker(requests[0].rawBody)).toBe(
			'{"element":{"key":"pardot"},"configuration":{"apikey.user.name":"marketing@acme.example","apikey.user.password":"pardot-password-value","apikey.user.key":"pardot-user-key-value","provider.version":"3"},"tags":["customer-42","onboarding","MARKER"],"name":"acme-pardot"}',
		);
	});

	it('Autopilot', async () => {
		const parameters = { operation: 'provisionAutopilot', instanceName: 'acme-autopilot', autopilotApiKey: 'autopilot-api-key-value' };
		const { requests } = await runProvision({ fake: ctx.fake, parameters });
		expect(withoutMarker(requests[0].rawBody)).toBe(
			'{"element":{"key":"autopilot"},"configuration":{"api.key":"autopilot-api-key-value"},"tags":["MARKER"],"name":"acme-autopilot"}',
		);
	});
});
