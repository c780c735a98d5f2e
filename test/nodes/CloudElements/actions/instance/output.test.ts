import type { IDataObject } from 'n8n-workflow';

import { useFakeCloudElements } from '../../../../harness/fake';
import { createInstances } from '../../../../harness/instances';
import { runProvision } from '../../../../harness/provision';

const ctx = useFakeCloudElements();

const autopilot = (extra: IDataObject = {}) => ({
	operation: 'provisionAutopilot',
	instanceName: 'acme-autopilot',
	autopilotApiKey: 'acme-autopilot-api-key',
	tags: ['acme'],
	...extra,
});

/** The instance the fake holds under `name`. */
const stored = (name: string) => ctx.fake.instances.find((instance) => instance.name === name)!;

describe('Simplify and Include Token', () => {
	it('leave a workflow\'s output as it was: the whole instance, token included, secrets masked', async () => {
		const { items } = await runProvision({ fake: ctx.fake, parameters: autopilot() });
		const instance = stored('acme-autopilot');
		expect(items[0].json).toMatchObject({
			id: instance.id,
			token: instance.token,
			element: expect.objectContaining({ key: 'autopilot' }),
			configuration: expect.objectContaining({ 'api.key': '********' }),
			provisionAction: 'created',
		});
	});

	it('simplify an instance to what a later step or a model refers to it by, token included in a workflow', async () => {
		const { items } = await runProvision({ fake: ctx.fake, parameters: autopilot({ simple: true }) });
		const instance = stored('acme-autopilot');
		// The node's retry marker tag, which the instance carries, is left out too.
		expect(instance.tags).toEqual(['acme', expect.stringMatching(/^n8n-provision:/)]);
		expect(items[0].json).toEqual({
			id: instance.id,
			name: 'acme-autopilot',
			elementKey: 'autopilot',
			tags: ['acme'],
			token: instance.token,
			createdDate: instance.createdDate,
			provisionAction: 'created',
		});
	});

	it('as an AI Agent tool, simplify and leave the token out by default', async () => {
		const { status, items } = await runProvision({ fake: ctx.fake, parameters: autopilot(), asTool: true });
		expect(status).toBe('success');
		const instance = stored('acme-autopilot');
		expect(items[0].json).toEqual({
			id: instance.id,
			name: 'acme-autopilot',
			elementKey: 'autopilot',
			tags: ['acme'],
			createdDate: instance.createdDate,
			provisionAction: 'created',
		});
		expect(JSON.stringify(items)).not.toContain(instance.token);
	});

	it('as a tool, give the token where Include Token is on, and the whole instance where Simplify is off', async () => {
		const withToken = await runProvision({ fake: ctx.fake, parameters: autopilot({ includeToken: true }), asTool: true });
		expect(withToken.items[0].json.token).toBe(stored('acme-autopilot').token);
		const whole = await runProvision({ fake: ctx.fake, parameters: autopilot({ instanceName: 'globex', simple: false }), asTool: true });
		expect(whole.items[0].json).toMatchObject({ token: stored('globex').token, element: expect.objectContaining({ key: 'autopilot' }) });
	});

	it('simplify each listed instance, and Get, Update, Enable and Disable Instance alike', async () => {
		const [acme, globex] = await createInstances(ctx.fake, [
			{ name: 'acme', element: 'autopilot', tags: ['customer-1'] },
			{ name: 'globex', tags: ['customer-2'] },
		]);
		const simplified = (instance: IDataObject) => ({
			id: instance.id,
			name: instance.name,
			elementKey: (instance.element as IDataObject).key,
			tags: instance.tags,
			createdDate: instance.createdDate,
		});
		const listed = await runProvision({ fake: ctx.fake, parameters: { operation: 'listInstances', returnAll: true }, asTool: true });
		expect(listed.items.map((item) => item.json)).toEqual([simplified(acme), simplified(globex)]);

		for (const parameters of [
			{ operation: 'getInstance', instanceId: String(acme.id) },
			{ operation: 'updateInstance', instanceId: String(acme.id), updateElement: 'autopilot', updateFields: { tags: ['customer-1'] } },
			{ operation: 'disableInstance', instanceId: String(acme.id) },
			{ operation: 'enableInstance', instanceId: String(acme.id) },
		]) {
			const { items } = await runProvision({ fake: ctx.fake, parameters, asTool: true });
			expect({ operation: parameters.operation, json: items[0].json }).toEqual({ operation: parameters.operation, json: simplified(acme) });
		}
	});
});
