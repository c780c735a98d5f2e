import { useFakeCloudElements } from '../../../harness/fake';
import { runProvision } from '../../../harness/provision';
import { expectProvisioned, marker } from './provisioning';

const ctx = useFakeCloudElements();


describe('Provision iContact Instance', () => {
	const parameters = {
		operation: 'provisionIcontact',
		instanceName: 'acme-icontact',
		icontactUsername: 'marketing@acme.example',
		icontactApiPassword: 'icontact-api-password-value',
		icontactAppId: 'icontact-app-id-value',
	};

	it('sends the documented body, with API version 2.0 when none is set', async () => {
		const result = await runProvision({ fake: ctx.fake, parameters });
		expect(result.requests[0].body).toEqual({
			element: { key: 'icontact' },
			configuration: {
				'api.version': '2.0',
				'api.username': 'marketing@acme.example',
				'api.password': 'icontact-api-password-value',
				AppID: 'icontact-app-id-value',
			},
			tags: [marker],
			name: 'acme-icontact',
		});
		expectProvisioned(ctx.fake, result, 'icontact', ['icontact-api-password-value', 'icontact-app-id-value']);
	});

	it('sends the API version set', async () => {
		const { requests } = await runProvision({ fake: ctx.fake, parameters: { ...parameters, icontactApiVersion: '2.2' } });
		expect(requests[0].body.configuration['api.version']).toBe('2.2');
	});

	it('names every missing field and sends nothing', async () => {
		const { error, requests } = await runProvision({
			fake: ctx.fake,
			parameters: {
				...parameters,
				icontactApiVersion: '={{ $json.version }}',
				icontactUsername: '={{ $json.username }}',
				icontactApiPassword: '={{ $json.password }}',
				icontactAppId: '={{ $json.appId }}',
			},
		});
		expect(requests).toHaveLength(0);
		expect(error.message).toBe(
			'Missing or invalid iContact fields: API Version (api.version) is missing; Username (api.username) is missing; API Password (api.password) is missing; App ID (AppID) is missing',
		);
	});
});
