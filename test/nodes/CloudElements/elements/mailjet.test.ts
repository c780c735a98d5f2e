import { useFakeCloudElements } from '../../../harness/fake';
import { runProvision } from '../../../harness/provision';
import { expectProvisioned, marker } from './provisioning';

const ctx = useFakeCloudElements();


describe('Provision Mailjet Instance', () => {
	const parameters = {
		operation: 'provisionMailjetmarketing',
		instanceName: 'acme-mailjet',
		mailjetmarketingApiKey: 'mailjet-api-key-value',
		mailjetmarketingSecretKey: 'mailjet-secret-key-value',
		tags: ['customer-42'],
	};

	it('sends the documented body and outputs the instance, secrets masked', async () => {
		const result = await runProvision({ fake: ctx.fake, parameters });
		expect(result.requests[0].body).toEqual({
			element: { key: 'mailjetmarketing' },
			configuration: {
				'mailjetmarketing.api.key': 'mailjet-api-key-value',
				'mailjetmarketing.api.secret': 'mailjet-secret-key-value',
			},
			tags: ['customer-42', marker],
			name: 'acme-mailjet',
		});
		expectProvisioned(ctx.fake, result, 'mailjetmarketing', ['mailjet-api-key-value', 'mailjet-secret-key-value']);
	});

	it('names every missing field and sends nothing', async () => {
		const { error, requests } = await runProvision({
			fake: ctx.fake,
			parameters: { ...parameters, mailjetmarketingApiKey: '={{ $json.apiKey }}', mailjetmarketingSecretKey: '={{ $json.secretKey }}' },
		});
		expect(requests).toHaveLength(0);
		expect(error.message).toBe(
			'Missing or invalid Mailjet fields: API Key (mailjetmarketing.api.key) is missing; Secret Key (mailjetmarketing.api.secret) is missing',
		);
	});
});
