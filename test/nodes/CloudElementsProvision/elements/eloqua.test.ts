import { eloqua } from '../../../../nodes/CloudElementsProvision/elements/eloqua';
import { useFakeCloudElements } from '../../../harness/fake';
import { runProvision } from '../../../harness/provision';
import { authorized, expectProvisioned, fieldsOf, marker } from './provisioning';

const ctx = useFakeCloudElements();

// As on Cloud Elements' Oracle Eloqua "Authenticate" page: OAuth 2 with an authorization code.
describe('Oracle Eloqua definition', () => {
	it('sends the app client and callback URL as configuration and the code as providerData, secrets masked', () => {
		expect(eloqua.key).toBe('eloqua');
		expect(eloqua.fixed).toBeUndefined();
		expect(fieldsOf(eloqua)).toEqual([
			{ key: 'oauth.api.key', in: 'configuration', required: true, secret: false, default: '' },
			{ key: 'oauth.api.secret', in: 'configuration', required: true, secret: true, default: '' },
			{ key: 'oauth.callback.url', in: 'configuration', required: true, secret: false, default: '' },
		]);
	});
});

describe('Provision Oracle Eloqua Instance', () => {
	const parameters = {
		operation: 'provisionEloqua',
		instanceName: 'acme-eloqua',
		eloquaClientId: 'eloqua-client-id',
		eloquaClientSecret: 'eloqua-client-secret-value',
		eloquaCallbackUrl: 'https://onboarding.example.com/oauth/eloqua',
		authorization: 'callback',
		callbackQuery: '={{ $json.query }}',
		tags: ['customer-42'],
	};

	it('sends the documented body and outputs the instance, secrets masked', async () => {
		const query = await authorized(ctx.fake, 'eloqua', {
			clientId: parameters.eloquaClientId,
			clientSecret: parameters.eloquaClientSecret,
			callbackUrl: parameters.eloquaCallbackUrl,
		});
		const result = await runProvision({ fake: ctx.fake, items: [{ query }], parameters });
		expect(result.requests[0].body).toEqual({
			element: { key: 'eloqua' },
			configuration: {
				'oauth.api.key': 'eloqua-client-id',
				'oauth.api.secret': 'eloqua-client-secret-value',
				'oauth.callback.url': 'https://onboarding.example.com/oauth/eloqua',
			},
			providerData: { code: query.code },
			tags: ['customer-42', marker],
			name: 'acme-eloqua',
		});
		expectProvisioned(ctx.fake, result, 'eloqua', ['eloqua-client-secret-value', query.code]);
	});

	it('names the missing callback and sends nothing', async () => {
		const { error, requests } = await runProvision({
			fake: ctx.fake,
			items: [{ code: '  ' }],
			parameters: { ...parameters, eloquaAuthorizationCode: '={{ $json.code }}' },
		});
		expect(requests).toHaveLength(0);
		expect(error.message).toBe('Missing or invalid Oracle Eloqua fields: Callback Query must be the query of the callback, e.g. {{ $json.query }} of the Webhook node');
	});
});
