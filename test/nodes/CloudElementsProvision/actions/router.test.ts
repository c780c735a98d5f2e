import { useFakeCloudElements } from '../../../harness/fake';
import { runProvision } from '../../../harness/provision';

const ctx = useFakeCloudElements();

// Three customers: the second has no user key, the third is one Cloud Elements rejects.
const customers = [
	{ company: 'acme', userKey: 'acme-user-key' },
	{ company: 'globex', userKey: '' },
	{ company: 'initech', userKey: 'initech-user-key' },
];

const parameters = {
	operation: 'provisionPardot',
	instanceName: '={{ $json.company }}',
	pardotUsername: 'ops@example.com',
	pardotPassword: 'shared-password-value',
	pardotUserKey: '={{ $json.userKey }}',
};

describe('one output item per input item', () => {
	it('with On Error: Continue, puts each failure in its item\'s place and provisions the rest', async () => {
		ctx.fake.inject({
			method: 'POST',
			path: '/instances',
			when: (request) => request.body?.name === 'acme',
			status: 400,
			body: { message: 'Failed to connect to Pardot: invalid user key' },
		});
		const { status, items, requests } = await runProvision({
			fake: ctx.fake,
			items: customers,
			parameters,
			onError: 'continueRegularOutput',
		});

		expect(status).toBe('success');
		expect(requests.map((request) => request.body.name)).toEqual(['acme', 'initech']);
		expect(items).toHaveLength(3);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);

		expect(items[0].json.error).toBe('Cloud Elements answered 400: Failed to connect to Pardot: invalid user key');
		expect(items[1].json.error).toBe(
			'Missing or invalid Pardot fields: User Key (apikey.user.key) is missing [item 1]',
		);
		expect(items[2].json).toMatchObject({ name: 'initech', id: ctx.fake.instances[0].id });
		expect(items[2].json.token).toBe(ctx.fake.instances[0].token);
	});

	it('without it, stops before sending anything when an item is invalid', async () => {
		const { status, error, requests } = await runProvision({ fake: ctx.fake, items: customers, parameters });
		expect(status).toBe('error');
		expect(error.message).toContain('[item 1]');
		expect(requests).toHaveLength(0);
		expect(ctx.fake.instances).toHaveLength(0);
	});

	it('with On Error: Continue (error output), routes failures to the error branch, paired', async () => {
		const { status, run } = await runProvision({
			fake: ctx.fake,
			items: customers,
			parameters,
			onError: 'continueErrorOutput',
		});
		expect(status).toBe('success');
		const [success, failure] = run.data.resultData.runData['Cloud Elements Provision'][0].data!.main;
		expect(success!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(failure!.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(failure![0].json.error).toContain('User Key (apikey.user.key) is missing');
	});
});
