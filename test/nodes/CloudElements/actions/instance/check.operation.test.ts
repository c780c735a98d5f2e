import { useFakeCloudElements } from '../../../../harness/fake';
import { createInstances } from '../../../../harness/instances';
import { runProvision } from '../../../../harness/provision';
import { leakedSecrets, shownByNode } from '../../../../harness/shown';

const ctx = useFakeCloudElements();

const checkById = { operation: 'checkInstance', instanceId: '={{ $json.id }}' };

/** Checks the instances, one item each; by default a broken one fails its item. */
async function check(ids: number[], { onError, failWhenUnhealthy }: { onError?: 'continueRegularOutput'; failWhenUnhealthy?: boolean } = {}) {
	const parameters = failWhenUnhealthy === undefined ? checkById : { ...checkById, failWhenUnhealthy };
	return await runProvision({ fake: ctx.fake, items: ids.map((id) => ({ id })), parameters, onError });
}

/** With Fail When Unhealthy off: every instance's check as an item. */
const report = (ids: number[]) => check(ids, { failWhenUnhealthy: false });

describe('Check Instance', () => {
	it("pings the element with the instance's token, whether it answers valid as true or as \"true\"", async () => {
		const [acme, globex] = await createInstances(ctx.fake, [
			{ name: 'acme' },
			{ name: 'globex', element: 'hubspot' },
		]);
		const { status, items, requests } = await check([acme.id, globex.id]);

		expect(status).toBe('success');
		expect(items.map((item) => item.json)).toEqual([
			{ id: acme.id, name: 'acme', elementKey: 'pardot', healthy: true, reason: 'Its element answered the ping', checkedWith: 'ping', valid: true, disabled: false },
			{ id: globex.id, name: 'globex', elementKey: 'hubspot', healthy: true, reason: 'Its element answered the ping', checkedWith: 'ping', valid: true, disabled: false },
		]);
		const pings = requests.filter((request) => request.path === '/hubs/marketing/ping');
		expect(pings.map((request) => request.headers.authorization)).toEqual([
			`User demo-user-secret, Element ${acme.token}`,
			`User demo-user-secret, Element ${globex.token}`,
		]);
	});

	it('fails a broken instance naming it and the reason, or, with Fail When Unhealthy off, outputs healthy: false', async () => {
		const [acme, globex] = await createInstances(ctx.fake, [{ name: 'acme' }, { name: 'globex' }]);
		ctx.fake.breakInstance(acme.id, { valid: false, disabled: false });

		const stopped = await check([acme.id]);
		expect(stopped.error).toMatchObject({
			name: 'NodeOperationError',
			message: `Instance ${acme.id} is not usable: Its element answered the ping with valid: false`,
			context: { itemIndex: 0 },
		});
		expect(stopped.error.description).toContain('Re-authenticate it');

		const continued = await check([acme.id, globex.id], { onError: 'continueRegularOutput' });
		expect(continued.items.map((item) => item.json)).toEqual([
			{ error: `Instance ${acme.id} is not usable: Its element answered the ping with valid: false [item 0]` },
			expect.objectContaining({ id: globex.id, healthy: true }),
		]);

		const reported = await report([acme.id, globex.id]);
		expect(reported.status).toBe('success');
		expect(reported.items.map((item) => item.json)).toEqual([
			{
				id: acme.id,
				name: 'acme',
				elementKey: 'pardot',
				healthy: false,
				reason: 'Its element answered the ping with valid: false',
				checkedWith: 'ping',
				valid: false,
				disabled: false,
			},
			expect.objectContaining({ id: globex.id, healthy: true }),
		]);
	});

	it('takes a disabled instance as broken without pinging it', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme' }]);
		ctx.fake.breakInstance(acme.id);
		const { items, requests } = await report([acme.id]);
		expect(items[0].json).toMatchObject({ healthy: false, reason: 'The instance is disabled', checkedWith: 'instance' });
		expect(requests.map((request) => request.path)).toEqual([`/instances/${acme.id}`]);
	});

	it("falls back to the platform's flags where the element has no ping", async () => {
		const [fine, broken] = await createInstances(ctx.fake, [
			{ name: 'fine', element: 'autopilot' },
			{ name: 'broken', element: 'autopilot' },
		]);
		ctx.fake.breakInstance(broken.id, { valid: false, disabled: false });
		const { items } = await report([fine.id, broken.id]);
		expect(items.map((item) => [item.json.healthy, item.json.checkedWith, item.json.reason])).toEqual([
			[true, 'instance', 'The platform holds it valid and enabled (its element has no ping)'],
			[false, 'instance', 'The platform holds it not valid: its login to the provider failed'],
		]);
	});

	it("takes a refused ping as broken, and any other failure as the check's own error", async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme' }]);
		ctx.fake.inject({ method: 'GET', path: '/hubs/marketing/ping', status: 401, body: { message: 'Token expired' } });
		const refused = await report([acme.id]);
		expect(refused.items[0].json).toMatchObject({ healthy: false, reason: 'Its element refused the ping: Cloud Elements answered 401: Token expired' });
		ctx.fake.inject({ method: 'GET', path: '/hubs/marketing/ping', status: 403, body: { message: 'Disabled at the provider' } });
		expect((await report([acme.id])).items[0].json).toMatchObject({ healthy: false, reason: 'Its element refused the ping: Cloud Elements answered 403: Disabled at the provider' });
		// 405: the element has no ping after all; the platform's flags decide.
		ctx.fake.inject({ method: 'GET', path: '/hubs/marketing/ping', status: 405, body: { message: 'Method not allowed' } });
		expect((await report([acme.id])).items[0].json).toMatchObject({ healthy: true, checkedWith: 'instance' });

		ctx.fake.inject({ method: 'GET', path: '/hubs/marketing/ping', status: 500, body: { message: 'Provider down' } });
		const failed = await check([acme.id]);
		expect(failed.error).toMatchObject({ name: 'NodeApiError', httpCode: '500', message: 'Cloud Elements answered 500: Provider down' });
	});

	it('never shows the token it pings with', async () => {
		const [acme] = await createInstances(ctx.fake, [{ name: 'acme' }]);
		ctx.fake.breakInstance(acme.id, { valid: false, disabled: false });
		expect(leakedSecrets(shownByNode(await report([acme.id])), [acme.token])).toEqual([]);
		expect(leakedSecrets(shownByNode(await check([acme.id])), [acme.token])).toEqual([]);
	});
});
