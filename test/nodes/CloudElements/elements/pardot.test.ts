import { useFakeCloudElements } from '../../../harness/fake';
import { runProvision } from '../../../harness/provision';
import { authorized, expectProvisioned, marker } from './provisioning';

const ctx = useFakeCloudElements();


describe('Provision Pardot Instance with Authentication: Salesforce OAuth', () => {
	const parameters = {
		operation: 'provisionPardot',
		pardotAuthentication: 'oauth2',
		instanceName: 'acme-pardot',
		pardotClientId: 'salesforce-consumer-key',
		pardotClientSecret: 'salesforce-consumer-secret-value',
		pardotCallbackUrl: 'https://n8n.example.com/webhook/oauth-callback',
		pardotBusinessUnitId: 'business-unit-of-acme',
		authorization: 'callback',
		callbackQuery: '={{ $json.query }}',
		tags: ['customer-42'],
	};

	it("provisions with the customer's callback: the documented body, secrets kept out", async () => {
		const query = await authorized(
			ctx.fake,
			'pardot',
			{
				clientId: parameters.pardotClientId,
				clientSecret: parameters.pardotClientSecret,
				callbackUrl: parameters.pardotCallbackUrl,
			},
			{ 'authentication.type': 'oauth2' },
		);
		const result = await runProvision({ fake: ctx.fake, items: [{ query }], parameters });

		expect(result.requests[0].body).toEqual({
			element: { key: 'pardot' },
			configuration: {
				'authentication.type': 'oauth2',
				'oauth.api.key': 'salesforce-consumer-key',
				'oauth.api.secret': 'salesforce-consumer-secret-value',
				'oauth.callback.url': 'https://n8n.example.com/webhook/oauth-callback',
				'oauth.business.unit.id': 'business-unit-of-acme',
				'pardot.sandbox': 'false',
			},
			providerData: { code: query.code },
			tags: ['customer-42', marker],
			name: 'acme-pardot',
		});
		expectProvisioned(ctx.fake, result, 'pardot', ['salesforce-consumer-secret-value', query.code]);
	});
});
