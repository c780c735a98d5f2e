import type { IDataObject } from 'n8n-workflow';

import { useFakeCloudElements } from '../../../harness/fake';
import { runProvision } from '../../../harness/provision';

const ctx = useFakeCloudElements();

/**
 * Workflows saved with version 1 of the node keep their operation values and
 * parameter names: HubSpot and Campaign Monitor had an operation per login,
 * Pardot's Salesforce OAuth login parameters of its own, Update an entry
 * name per login. Each sends what the same node of version 2 sends.
 */
const refreshToken = { authorization: 'refreshToken', refreshToken: 'customer-refresh-token-value' };
const oauthApp = (prefix: string) => ({
	[`${prefix}ClientId`]: 'client-id',
	[`${prefix}ClientSecret`]: 'client-secret-value',
	[`${prefix}CallbackUrl`]: 'https://example.com/oauth',
});
const saved: Array<[string, IDataObject, IDataObject]> = [
	[
		'HubSpot API key',
		{ operation: 'provisionHubspotApiKey', hubspotApiKeyApiKey: 'hubspot-key-value' },
		{ operation: 'provisionHubspot', hubspotAuthentication: 'apiKey', hubspotApiKey: 'hubspot-key-value' },
	],
	[
		'HubSpot OAuth',
		{ operation: 'provisionHubspotOAuth', ...oauthApp('hubspotOAuth'), ...refreshToken },
		{ operation: 'provisionHubspot', hubspotAuthentication: 'oauth2', ...oauthApp('hubspot'), ...refreshToken },
	],
	[
		'Campaign Monitor API key',
		{ operation: 'provisionCampaignmonitorApiKey', campaignmonitorApiKeyApiKey: 'cm-key-value' },
		{ operation: 'provisionCampaignmonitor', campaignmonitorAuthentication: 'basic', campaignmonitorApiKey: 'cm-key-value' },
	],
	[
		'Campaign Monitor OAuth',
		{ operation: 'provisionCampaignmonitorOAuth', ...oauthApp('campaignmonitorOAuth'), ...refreshToken },
		{ operation: 'provisionCampaignmonitor', campaignmonitorAuthentication: 'oauth2', ...oauthApp('campaignmonitor'), ...refreshToken },
	],
	[
		'Pardot Salesforce OAuth',
		{
			operation: 'provisionPardot',
			pardotAuthentication: 'pardotSalesforceOAuth',
			...oauthApp('pardotSalesforceOAuth'),
			pardotSalesforceOAuthBusinessUnitId: '0Uv000000000001',
			...refreshToken,
		},
		{ operation: 'provisionPardot', pardotAuthentication: 'oauth2', ...oauthApp('pardot'), pardotBusinessUnitId: '0Uv000000000001', ...refreshToken },
	],
];

/** What a run sent Cloud Elements, the one-off marker tag aside. */
async function sent(parameters: IDataObject, typeVersion: 1 | 2) {
	const { status, requests } = await runProvision({ fake: ctx.fake, parameters: { instanceName: 'acme', ...parameters }, typeVersion });
	expect(status).toBe('success');
	return requests.map(({ method, path, body }) => ({
		method,
		path,
		body: body && { ...body, tags: (body.tags as string[] | undefined)?.filter((tag) => !tag.startsWith('n8n-provision:')) },
	}));
}

describe('a node saved with version 1', () => {
	it.each(saved)('provisions %s as version 2 does', async (_login, version1, version2) => {
		const [asSaved, asNew] = [await sent(version1, 1), await sent(version2, 2)];
		expect(asSaved).toEqual(asNew);
		expect(asSaved[0].body.configuration).toHaveProperty(['authentication.type']);
	});

	it('updates with its Element choice per login and entry names per login, as version 2 does', async () => {
		const [instance] = (await runProvision({ fake: ctx.fake, parameters: { instanceName: 'acme', ...saved[0][2] } })).items;
		const update = { operation: 'updateInstance', instanceId: String(instance.json.id) };
		expect(
			await sent({ ...update, updateElement: 'hubspotOAuth', hubspotOAuthConfiguration: { clientSecret: 'rotated-value' } }, 1),
		).toEqual(await sent({ ...update, updateElement: 'hubspot', hubspotConfiguration: { hubspotClientSecret: 'rotated-value' } }, 2));
	});

	it('lists by the element key its filter saved', async () => {
		const filters = (element: unknown) => ({ operation: 'listInstances', filters: { element } });
		expect(await sent(filters('pardot'), 1)).toEqual(await sent(filters({ __rl: true, mode: 'list', value: 'pardot' }), 2));
	});
});
