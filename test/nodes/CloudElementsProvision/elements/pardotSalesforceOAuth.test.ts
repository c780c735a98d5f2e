import { pardotSalesforceOAuth } from '../../../../nodes/CloudElementsProvision/elements/pardotSalesforceOAuth';
import { useFakeCloudElements } from '../../../harness/fake';
import { runProvision } from '../../../harness/provision';
import { authorized, expectProvisioned, fieldsOf, marker } from './provisioning';

const ctx = useFakeCloudElements();

// As on Cloud Elements' Pardot "Authenticate" page: Salesforce OAuth 2 with the business unit.
describe('Pardot (Salesforce OAuth) definition', () => {
	it('sends authentication.type oauth2, the connected app, its callback URL, the business unit and the sandbox switch', () => {
		expect(pardotSalesforceOAuth.key).toBe('pardot');
		expect(pardotSalesforceOAuth.fixed).toEqual({ configuration: { 'authentication.type': 'oauth2' } });
		expect(fieldsOf(pardotSalesforceOAuth)).toEqual([
			{ key: 'oauth.api.key', in: 'configuration', required: true, secret: false, default: '' },
			{ key: 'oauth.api.secret', in: 'configuration', required: true, secret: true, default: '' },
			{ key: 'oauth.callback.url', in: 'configuration', required: true, secret: false, default: '' },
			{ key: 'oauth.business.unit.id', in: 'configuration', required: true, secret: false, default: '' },
			{ key: 'pardot.sandbox', in: 'configuration', required: false, secret: false, default: false },
		]);
	});
});

describe('Provision Pardot Instance with Authentication: Salesforce OAuth', () => {
	const parameters = {
		operation: 'provisionPardot',
		pardotAuthentication: 'pardotSalesforceOAuth',
		instanceName: 'acme-pardot',
		pardotSalesforceOAuthClientId: 'salesforce-consumer-key',
		pardotSalesforceOAuthClientSecret: 'salesforce-consumer-secret-value',
		pardotSalesforceOAuthCallbackUrl: 'https://n8n.example.com/webhook/oauth-callback',
		pardotSalesforceOAuthBusinessUnitId: 'business-unit-of-acme',
		authorization: 'callback',
		callbackQuery: '={{ $json.query }}',
		tags: ['customer-42'],
	};

	it("provisions with the customer's callback: the documented body, secrets kept out", async () => {
		const query = await authorized(
			ctx.fake,
			'pardot',
			{
				clientId: parameters.pardotSalesforceOAuthClientId,
				clientSecret: parameters.pardotSalesforceOAuthClientSecret,
				callbackUrl: parameters.pardotSalesforceOAuthCallbackUrl,
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
