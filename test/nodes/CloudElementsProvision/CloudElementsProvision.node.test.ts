import { NodeHelpers, Workflow, type INodeParameters, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';

import { settingsLimits } from '../../../nodes/CloudElementsProvision/helpers/parameters';
import { loadPackage } from '../../harness/engine';

/** The labels the editor shows for the node with these parameter values, as n8n decides it. */
async function visibleLabels(values: Record<string, unknown>): Promise<string[]> {
	const { nodeTypes } = await loadPackage();
	const description = nodeTypes.cloudElementsProvision.type.description as INodeTypeDescription;
	const parameters = NodeHelpers.getNodeParameters(description.properties, values as never, true, false, { typeVersion: 1 }, description)!;
	return description.properties
		.filter((property: INodeProperties) =>
			NodeHelpers.displayParameter(parameters, property, { typeVersion: 1 }, description),
		)
		.map((property) => property.displayName);
}

const common = ['Operation', 'Instance Name', 'Tags', 'If Instance Already Exists', 'Additional Fields', 'Options'];

/** The node's subtitle on the canvas for these parameters, resolved by n8n's expression engine. */
async function subtitleFor(parameters: INodeParameters): Promise<unknown> {
	const { nodeTypes } = await loadPackage();
	const type = nodeTypes.cloudElementsProvision.type;
	const node = { id: 'n', name: 'Node', type: 'cloudElementsProvision', typeVersion: 1, position: [0, 0] as [number, number], parameters };
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => type, getByNameAndVersion: () => type, getKnownTypes: () => ({}) },
	});
	return workflow.expression.getSimpleParameterValue(node as never, (type.description as INodeTypeDescription).subtitle!, 'internal', {});
}

describe('Cloud Elements Provision in the editor', () => {
	it('shows each option with the bounds and default the run checks', async () => {
		const { nodeTypes } = await loadPackage();
		const { properties } = nodeTypes.cloudElementsProvision.type.description as INodeTypeDescription;
		const options = properties.find((property) => property.name === 'options')!.options as INodeProperties[];
		for (const [name, limits] of Object.entries(settingsLimits)) {
			const option = options.find((candidate) => candidate.name === name)!;
			expect({ name, label: option.displayName, min: option.typeOptions?.minValue, max: option.typeOptions?.maxValue, default: option.default }).toEqual({
				name,
				...limits,
			});
		}
	});

	it.each([
		['provisionPardot', 'Provision Pardot'],
		['provisionAutopilot', 'Provision Autopilot'],
		['listInstances', 'List Instances'],
	])('shows the operation %s in words, %s, under the node on the canvas', async (operation, name) => {
		expect(await subtitleFor({ operation })).toBe(name);
	});

	it('offers one provisioning operation per element and the lifecycle operations, with actions', async () => {
		const { nodeTypes } = await loadPackage();
		const description = nodeTypes.cloudElementsProvision.type.description as INodeTypeDescription;
		const operation = description.properties.find((property) => property.name === 'operation')!;
		expect(
			(operation.options as Array<{ name: string; value: string; action: string }>).map(({ name, value, action }) => ({
				name,
				value,
				action,
			})),
		).toEqual([
			{ name: 'Delete Instance', value: 'deleteInstance', action: 'Delete instance' },
			{ name: 'Disable Instance', value: 'disableInstance', action: 'Disable instance' },
			{ name: 'Enable Instance', value: 'enableInstance', action: 'Enable instance' },
			{ name: 'Get Instance', value: 'getInstance', action: 'Get instance' },
			{ name: 'Get OAuth Authorization URL', value: 'getOAuthUrl', action: 'Get an OAuth authorization URL' },
			{ name: 'List Instances', value: 'listInstances', action: 'List instances' },
			{ name: 'Provision Autopilot Instance', value: 'provisionAutopilot', action: 'Provision Autopilot instance' },
			{
				name: 'Provision Campaign Monitor (API Key) Instance',
				value: 'provisionCampaignmonitorApiKey',
				action: 'Provision Campaign Monitor (API Key) instance',
			},
			{
				name: 'Provision Campaign Monitor (OAuth) Instance',
				value: 'provisionCampaignmonitorOAuth',
				action: 'Provision Campaign Monitor (OAuth) instance',
			},
			{ name: 'Provision HubSpot (API Key) Instance', value: 'provisionHubspotApiKey', action: 'Provision HubSpot (API Key) instance' },
			{ name: 'Provision HubSpot (OAuth) Instance', value: 'provisionHubspotOAuth', action: 'Provision HubSpot (OAuth) instance' },
			{ name: 'Provision iContact Instance', value: 'provisionIcontact', action: 'Provision iContact instance' },
			{ name: 'Provision Instance (Any Element)', value: 'provisionAnyElement', action: 'Provision an instance of any element' },
			{ name: 'Provision Mailchimp Instance', value: 'provisionMailchimpv3', action: 'Provision Mailchimp instance' },
			{ name: 'Provision Mailjet Instance', value: 'provisionMailjetmarketing', action: 'Provision Mailjet instance' },
			{ name: 'Provision Marketo Instance', value: 'provisionMarketo', action: 'Provision Marketo instance' },
			{ name: 'Provision Oracle Eloqua Instance', value: 'provisionEloqua', action: 'Provision Oracle Eloqua instance' },
			{ name: 'Provision Pardot Instance', value: 'provisionPardot', action: 'Provision Pardot instance' },
			{ name: 'Re-Authenticate Instance', value: 'reauthenticateInstance', action: 'Re-authenticate instance' },
			{ name: 'Update Instance', value: 'updateInstance', action: 'Update instance' },
		]);
		expect(operation.default).toBe('provisionPardot');
		expect(description.usableAsTool).toBe(true);
	});

	it('shows exactly the Pardot fields for the Pardot operation, the legacy login by default', async () => {
		const labels = await visibleLabels({ operation: 'provisionPardot' });
		expect(labels.sort()).toEqual([...common, 'Authentication', 'Username', 'Password', 'User Key', 'API Version'].sort());
	});

	it('shows the Salesforce OAuth fields when the Pardot operation authenticates so', async () => {
		const labels = await visibleLabels({ operation: 'provisionPardot', pardotAuthentication: 'pardotSalesforceOAuth' });
		expect(labels.sort()).toEqual(
			[
				...common,
				'Authentication',
				'Client ID',
				'Client Secret',
				'Callback URL',
				'Business Unit ID',
				'Sandbox',
				'Authorization',
				'Callback Query',
				'Expected State',
				'Request Token Secret',
			].sort(),
		);
	});

	it('shows exactly the Autopilot fields for the Autopilot operation', async () => {
		const labels = await visibleLabels({ operation: 'provisionAutopilot' });
		expect(labels.sort()).toEqual([...common, 'API Key'].sort());
	});

	it('shows the chosen element\'s configuration entries when updating an instance', async () => {
		const pardotLabels = await visibleLabels({ operation: 'updateInstance', updateElement: 'pardot' });
		expect(pardotLabels).toEqual(['Operation', 'Instance ID', 'Element', 'Update Fields', 'Pardot Configuration', 'Options']);
		const autopilotLabels = await visibleLabels({ operation: 'updateInstance', updateElement: 'autopilot' });
		expect(autopilotLabels).toContain('Autopilot Configuration');
		expect(autopilotLabels).not.toContain('Pardot Configuration');
	});

	it('updates each login of an element with its own entries, and never offers an authorization code', async () => {
		const { nodeTypes } = await loadPackage();
		const { properties } = nodeTypes.cloudElementsProvision.type.description as INodeTypeDescription;
		const labels = await visibleLabels({ operation: 'updateInstance', updateElement: 'hubspotOAuth' });
		expect(labels).toEqual(['Operation', 'Instance ID', 'Element', 'Update Fields', 'HubSpot (OAuth) Configuration', 'Options']);
		const entries = (name: string) =>
			(properties.find((property) => property.name === name)!.options as INodeProperties[]).map((entry) => entry.displayName);
		expect(entries('hubspotOAuthConfiguration')).toEqual(['Client ID', 'Client Secret', 'Callback URL']);
		expect(entries('hubspotApiKeyConfiguration')).toEqual(['API Key']);
	});

	it('filters List Instances by element, once per element however many logins it has', async () => {
		const { nodeTypes } = await loadPackage();
		const { properties } = nodeTypes.cloudElementsProvision.type.description as INodeTypeDescription;
		const filters = properties.find((property) => property.name === 'filters')!.options as INodeProperties[];
		expect(filters.find((filter) => filter.name === 'element')!.options).toEqual([
			{ name: 'Autopilot', value: 'autopilot' },
			{ name: 'Campaign Monitor', value: 'campaignmonitor' },
			{ name: 'HubSpot', value: 'hubspot' },
			{ name: 'iContact', value: 'icontact' },
			{ name: 'Mailchimp', value: 'mailchimpv3' },
			{ name: 'Mailjet', value: 'mailjetmarketing' },
			{ name: 'Marketo', value: 'marketo' },
			{ name: 'Oracle Eloqua', value: 'eloqua' },
			{ name: 'Pardot', value: 'pardot' },
		]);
	});

	it('heads the Any Element fields "Configuration": n8n shows a resource mapper\'s valuesLabel, not its displayName', async () => {
		const { nodeTypes } = await loadPackage();
		const { properties } = nodeTypes.cloudElementsProvision.type.description as INodeTypeDescription;
		const mapper = properties.find((property) => property.name === 'configurationFields')!;
		// Without it the editor heads the fields "Values to Send" (seen in n8n 2.41.1).
		expect(mapper.typeOptions?.resourceMapper?.valuesLabel).toBe(mapper.displayName);
		expect(mapper.displayName).toBe('Configuration');
	});

	it('masks every provider secret and defaults the Pardot API version to 3', async () => {
		const { nodeTypes } = await loadPackage();
		const { properties } = nodeTypes.cloudElementsProvision.type.description as INodeTypeDescription;
		const masked = properties.filter((property) => property.typeOptions?.password).map((property) => property.name);
		// Each name once: operations that share a field (the OAuth callback's) each have its property.
		expect([...new Set(masked)].sort()).toEqual([
			'autopilotApiKey',
			'campaignmonitorApiKeyApiKey',
			'campaignmonitorOAuthClientSecret',
			'eloquaClientSecret',
			'hubspotApiKeyApiKey',
			'hubspotOAuthClientSecret',
			'icontactApiPassword',
			'icontactAppId',
			'mailchimpv3ClientSecret',
			'mailjetmarketingApiKey',
			'mailjetmarketingSecretKey',
			'marketoClientSecret',
			'oauthClientSecret',
			'pardotPassword',
			'pardotSalesforceOAuthClientSecret',
			'pardotUserKey',
			'refreshToken',
			'requestTokenSecret',
		]);
		expect(properties.find((property) => property.name === 'pardotApiVersion')).toMatchObject({
			type: 'options',
			default: '3',
			options: [
				{ name: '3', value: '3' },
				{ name: '4', value: '4' },
			],
		});
	});
});
