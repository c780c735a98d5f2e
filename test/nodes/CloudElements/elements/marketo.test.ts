import { useFakeCloudElements } from '../../../harness/fake';
import { runProvision } from '../../../harness/provision';
import { expectProvisioned, marker } from './provisioning';

const ctx = useFakeCloudElements();


describe('Provision Marketo Instance', () => {
	const parameters = {
		operation: 'provisionMarketo',
		instanceName: 'acme-marketo',
		marketoClientId: 'marketo-client-id',
		marketoClientSecret: 'marketo-client-secret-value',
		marketoIdentityUrl: 'https://338-ZRW-745.mktorest.com/identity',
		marketoRestUrl: 'https://338-ZRW-745.mktorest.com/rest',
		tags: ['customer-42'],
	};

	it('sends the documented body, providerData.code empty, and outputs the instance, the secret masked', async () => {
		const result = await runProvision({ fake: ctx.fake, parameters });
		expect(result.requests[0].body).toEqual({
			element: { key: 'marketo' },
			configuration: {
				'oauth.api.key': 'marketo-client-id',
				'oauth.api.secret': 'marketo-client-secret-value',
				'marketo.identity.url': 'https://338-ZRW-745.mktorest.com/identity',
				'base.url': 'https://338-ZRW-745.mktorest.com/rest',
			},
			providerData: { code: '' },
			tags: ['customer-42', marker],
			name: 'acme-marketo',
		});
		expectProvisioned(ctx.fake, result, 'marketo', ['marketo-client-secret-value']);
	});

	it('names every missing field and sends nothing', async () => {
		const { error, requests } = await runProvision({
			fake: ctx.fake,
			parameters: {
				...parameters,
				marketoClientId: '={{ $json.clientId }}',
				marketoClientSecret: '={{ $json.clientSecret }}',
				marketoIdentityUrl: '={{ $json.identityUrl }}',
				marketoRestUrl: '={{ $json.restUrl }}',
			},
		});
		expect(requests).toHaveLength(0);
		expect(error.message).toBe(
			'Missing or invalid Marketo fields: Client ID (oauth.api.key) is missing; Client Secret (oauth.api.secret) is missing; Identity URL (marketo.identity.url) is missing; REST Endpoint URL (base.url) is missing',
		);
	});
});
