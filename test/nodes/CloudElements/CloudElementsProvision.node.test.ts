import { NodeHelpers, Workflow, type INodeParameters, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';

import { settingsLimits } from '../../../nodes/CloudElements/helpers/parameters';
import { loadPackage } from '../../harness/engine';

/**
 * The node's description, or that of its tool variant: n8n gives the tool the
 * node's description under the name with "Tool" appended (and adds fields of
 * its own, left out here).
 */
async function descriptionOf(use: 'workflow' | 'tool' = 'workflow'): Promise<INodeTypeDescription> {
	const { nodeTypes } = await loadPackage();
	const description = nodeTypes.cloudElementsProvision.type.description as INodeTypeDescription;
	return use === 'tool' ? { ...description, name: `${description.name}Tool` } : description;
}

/** The node's parameters with n8n's defaults filled in, as n8n does for every node it loads or runs. */
function withDefaults(description: INodeTypeDescription, values: Record<string, unknown>, typeVersion = 2): INodeParameters {
	return NodeHelpers.getNodeParameters(description.properties, values as never, true, false, { typeVersion }, description)!;
}

/** The properties the editor shows for a node of `typeVersion` with these parameter values, as n8n decides it. */
async function visibleProperties(values: Record<string, unknown>, use: 'workflow' | 'tool' = 'workflow', typeVersion = 2): Promise<INodeProperties[]> {
	const description = await descriptionOf(use);
	const parameters = withDefaults(description, values, typeVersion);
	return description.properties.filter((property: INodeProperties) =>
		NodeHelpers.displayParameter(parameters, property, { typeVersion }, description),
	);
}

async function visibleLabels(values: Record<string, unknown>, use: 'workflow' | 'tool' = 'workflow', typeVersion = 2): Promise<string[]> {
	return (await visibleProperties(values, use, typeVersion)).map((property) => property.displayName);
}

/** The operations a node of `typeVersion` offers. */
async function operationsOf(typeVersion: number): Promise<Array<{ name: string; value: string; action: string }>> {
	const [operation] = (await visibleProperties({}, 'workflow', typeVersion)).filter((property) => property.name === 'operation');
	return operation.options as Array<{ name: string; value: string; action: string }>;
}

const common = ['Resource', 'Operation', 'Instance Name', 'Tags', 'If Instance Already Exists', 'Idempotency Key', 'Additional Fields', 'Simplify', 'Options'];

/** The node's subtitle on the canvas for these parameters, resolved by n8n's expression engine. */
async function subtitleFor(parameters: INodeParameters): Promise<unknown> {
	const { nodeTypes } = await loadPackage();
	const type = nodeTypes.cloudElementsProvision.type;
	const node = { id: 'n', name: 'Node', type: 'cloudElementsProvision', typeVersion: 2, position: [0, 0] as [number, number], parameters };
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
				label: limits.label,
				min: limits.min,
				max: limits.max,
				default: limits.default,
			});
		}
	});

	it.each([1, 2])('shows the operation\'s own name under the node on the canvas, for every operation of version %i', async (typeVersion) => {
		const operations = await operationsOf(typeVersion);
		for (const { value, name } of operations) expect({ value, subtitle: await subtitleFor({ operation: value }) }).toEqual({ value, subtitle: name });
	});

	it('offers one provisioning operation per element and the lifecycle operations, with actions', async () => {
		expect(await operationsOf(2)).toEqual([
			{ name: 'Check Instance', value: 'checkInstance', action: 'Check an instance', description: expect.any(String) },
			{ name: 'Delete Instance', value: 'deleteInstance', action: 'Delete an instance', description: expect.any(String) },
			{ name: 'Disable Instance', value: 'disableInstance', action: 'Disable an instance', description: expect.any(String) },
			{ name: 'Enable Instance', value: 'enableInstance', action: 'Enable an instance', description: expect.any(String) },
			{ name: 'Get Instance', value: 'getInstance', action: 'Get an instance', description: expect.any(String) },
			{ name: 'Get OAuth Authorization URL', value: 'getOAuthUrl', action: 'Get an OAuth authorization URL for an element', description: expect.any(String) },
			{ name: 'List Instances', value: 'listInstances', action: 'List instances', description: expect.any(String) },
			{ name: 'Provision Autopilot Instance', value: 'provisionAutopilot', action: 'Provision an Autopilot instance', description: expect.any(String) },
			{ name: 'Provision Campaign Monitor Instance', value: 'provisionCampaignmonitor', action: 'Provision a Campaign Monitor instance', description: expect.any(String) },
			{ name: 'Provision HubSpot Instance', value: 'provisionHubspot', action: 'Provision a HubSpot instance', description: expect.any(String) },
			{ name: 'Provision iContact Instance', value: 'provisionIcontact', action: 'Provision an iContact instance', description: expect.any(String) },
			{ name: 'Provision Instance (Any Element)', value: 'provisionAnyElement', action: 'Provision an instance of any element', description: expect.any(String) },
			{ name: 'Provision Mailchimp Instance', value: 'provisionMailchimpv3', action: 'Provision a Mailchimp instance', description: expect.any(String) },
			{ name: 'Provision Mailjet Instance', value: 'provisionMailjetmarketing', action: 'Provision a Mailjet instance', description: expect.any(String) },
			{ name: 'Provision Marketo Instance', value: 'provisionMarketo', action: 'Provision a Marketo instance', description: expect.any(String) },
			{ name: 'Provision Oracle Eloqua Instance', value: 'provisionEloqua', action: 'Provision an Oracle Eloqua instance', description: expect.any(String) },
			{ name: 'Provision Pardot Instance', value: 'provisionPardot', action: 'Provision a Pardot instance', description: expect.any(String) },
			{ name: 'Re-Authenticate Instance', value: 'reauthenticateInstance', action: 'Re-authenticate an instance', description: expect.any(String) },
			{ name: 'Update Instance', value: 'updateInstance', action: 'Update an instance', description: expect.any(String) },
		]);
		const { nodeTypes } = await loadPackage();
		const description = nodeTypes.cloudElementsProvision.type.description as INodeTypeDescription;
		expect({ version: description.version, defaultVersion: description.defaultVersion }).toEqual({ version: [1, 2], defaultVersion: 2 });
		expect(withDefaults(description, {}, 2).operation).toBe('provisionPardot');
		expect(description.usableAsTool).toBe(true);
	});

	it.each([1, 2])('offers the Element API resource in version %i, calling by default, with its fields per method', async (typeVersion) => {
		const { nodeTypes } = await loadPackage();
		const description = nodeTypes.cloudElementsProvision.type.description as INodeTypeDescription;
		expect(withDefaults(description, { resource: 'elementApi' }, typeVersion)).toMatchObject({
			operation: 'callElementApi',
			instanceToken: '={{ $json.token }}',
			method: 'GET',
			simple: false,
		});
		const get = ['Resource', 'Operation', 'Instance Token', 'Method', 'Path', 'Return All', 'Limit', 'Where (CEQL)', 'Query Parameters', 'Simplify', 'Call Options', 'Options'];
		expect(await visibleLabels({ resource: 'elementApi' }, 'workflow', typeVersion)).toEqual(get);
		expect(await visibleLabels({ resource: 'elementApi', method: 'POST' }, 'workflow', typeVersion)).toEqual([
			'Resource', 'Operation', 'Instance Token', 'Method', 'Path', 'Query Parameters', 'JSON Body', 'Call Options', 'Options',
		]);
		expect(withDefaults(await descriptionOf('tool'), { resource: 'elementApi' }, typeVersion).simple).toBe(true);
	});

	// Saved workflows keep their node version, and with it these operation values and parameter names.
	it('keeps version 1\'s operations: a login of its own for HubSpot and Campaign Monitor, Pardot by default', async () => {
		const values = (await operationsOf(1)).map((operation) => operation.value);
		expect(values.filter((value) => value.startsWith('provision'))).toEqual([
			'provisionAutopilot',
			'provisionCampaignmonitorApiKey',
			'provisionCampaignmonitorOAuth',
			'provisionHubspotApiKey',
			'provisionHubspotOAuth',
			'provisionIcontact',
			'provisionAnyElement',
			'provisionMailchimpv3',
			'provisionMailjetmarketing',
			'provisionMarketo',
			'provisionEloqua',
			'provisionPardot',
		]);
		const { nodeTypes } = await loadPackage();
		expect(withDefaults(nodeTypes.cloudElementsProvision.type.description as INodeTypeDescription, {}, 1).operation).toBe('provisionPardot');
		const hubspot = await visibleProperties({ operation: 'provisionHubspotApiKey', hubspotApiKeyApiKey: 'k' }, 'workflow', 1);
		expect(hubspot.map((property) => property.name)).toContain('hubspotApiKeyApiKey');
		const pardot = await visibleProperties({ operation: 'provisionPardot', pardotAuthentication: 'pardotSalesforceOAuth' }, 'workflow', 1);
		expect(pardot.map((property) => property.name)).toEqual(expect.arrayContaining(['pardotSalesforceOAuthClientId', 'pardotSalesforceOAuthBusinessUnitId']));
	});

	/**
	 * What n8n's AI Agent tells the model about a tool on "Set Automatically":
	 * the Workflow fills in the defaults of fields a saved node lacks, and
	 * n8n-workflow's getToolDescriptionForNode (2.8 to 2.41 alike) writes
	 * "<action> in <node>" where a Resource's Operation has that action.
	 */
	async function toolDescriptionOf(saved: INodeParameters): Promise<string> {
		const description = await descriptionOf('tool');
		const type = { description };
		const node = { id: 'n', name: 'Provision', type: description.name, typeVersion: 2, position: [0, 0] as [number, number], parameters: saved };
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: { getByName: () => type as never, getByNameAndVersion: () => type as never, getKnownTypes: () => ({}) },
		});
		return NodeHelpers.getToolDescriptionForNode(workflow.getNode('Provision')!, type as never);
	}

	it('describes a tool by its operation to the model, also for a node saved before Resource existed', async () => {
		expect(await toolDescriptionOf({ operation: 'provisionAutopilot' })).toBe('Provision an Autopilot instance in Cloud Elements Provision');
		expect(await toolDescriptionOf({ resource: 'instance', operation: 'listInstances' })).toBe('List instances in Cloud Elements Provision');
		expect(await toolDescriptionOf({ operation: 'getOAuthUrl' })).toBe(
			'Get an OAuth authorization URL for an element in Cloud Elements Provision',
		);
		expect(await toolDescriptionOf({ operation: 'checkInstance' })).toBe('Check an instance in Cloud Elements Provision');
		expect(await toolDescriptionOf({ resource: 'elementApi' })).toBe("Call an instance's element API in Cloud Elements Provision");
	});

	it('keeps every operation of a node saved before Resource existed on offer, with its fields', async () => {
		const description = await descriptionOf();
		for (const typeVersion of [1, 2]) {
			for (const { value: operation } of await operationsOf(typeVersion)) {
				const parameters = withDefaults(description, { operation }, typeVersion);
				expect({ operation, resource: parameters.resource }).toEqual({ operation, resource: 'instance' });
				const shownOperation = description.properties.find(
					(property) => property.name === 'operation' && NodeHelpers.displayParameter(parameters, property, { typeVersion }, description),
				);
				expect((shownOperation?.options as Array<{ value: string }> | undefined)?.map((option) => option.value)).toContain(operation);
			}
		}
		// The fields a saved Get OAuth Authorization URL node holds still show, so n8n keeps their values.
		expect(await visibleLabels({ operation: 'getOAuthUrl' })).toEqual(
			expect.arrayContaining(['Resource', 'Operation', 'Element', 'Client ID', 'Client Secret', 'Callback URL']),
		);
	});

	it('simplifies the output and leaves the token out by default for a tool, and changes nothing by default in a workflow', async () => {
		const inWorkflow = withDefaults(await descriptionOf(), { operation: 'provisionAutopilot' });
		expect({ simple: inWorkflow.simple, includeToken: inWorkflow.includeToken }).toEqual({ simple: false, includeToken: undefined });
		expect(withDefaults(await descriptionOf(), { operation: 'provisionAutopilot', simple: true }).includeToken).toBe(true);
		const asTool = withDefaults(await descriptionOf('tool'), { operation: 'provisionAutopilot' });
		expect({ simple: asTool.simple, includeToken: asTool.includeToken }).toEqual({ simple: true, includeToken: false });
		expect(await visibleLabels({ operation: 'provisionAutopilot' }, 'tool')).toEqual(expect.arrayContaining(['Simplify', 'Include Token']));
		// Not for operations whose output is no instance.
		for (const operation of ['deleteInstance', 'getOAuthUrl']) expect(await visibleLabels({ operation }, 'tool')).not.toContain('Simplify');
	});

	it('shows exactly the Pardot fields for the Pardot operation, the legacy login by default', async () => {
		const labels = await visibleLabels({ operation: 'provisionPardot' });
		expect(labels.sort()).toEqual([...common, 'Authentication', 'Username', 'Password', 'User Key', 'API Version'].sort());
	});

	it('shows the Salesforce OAuth fields when the Pardot operation authenticates so', async () => {
		const labels = await visibleLabels({ operation: 'provisionPardot', pardotAuthentication: 'oauth2' });
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
		expect(pardotLabels).toEqual(['Resource', 'Operation', 'Instance ID', 'Element', 'Update Fields', 'Pardot Configuration', 'Simplify', 'Options']);
		const autopilotLabels = await visibleLabels({ operation: 'updateInstance', updateElement: 'autopilot' });
		expect(autopilotLabels).toContain('Autopilot Configuration');
		expect(autopilotLabels).not.toContain('Pardot Configuration');
	});

	it('updates an element with the entries of all its logins, named as Provision names them, never an authorization code', async () => {
		const entries = async (values: Record<string, unknown>, typeVersion: number) => {
			const [collection] = (await visibleProperties({ operation: 'updateInstance', ...values }, 'workflow', typeVersion)).filter(
				(property) => property.name.endsWith('Configuration'),
			);
			return { label: collection.displayName, entries: (collection.options as INodeProperties[]).map((entry) => entry.name) };
		};
		expect(await entries({ updateElement: 'hubspot' }, 2)).toEqual({
			label: 'HubSpot Configuration',
			entries: ['hubspotApiKey', 'hubspotClientId', 'hubspotClientSecret', 'hubspotCallbackUrl'],
		});
		// Version 1 offered each login, with its entries under their own names.
		expect(await entries({ updateElement: 'hubspotOAuth' }, 1)).toEqual({
			label: 'HubSpot (OAuth 2) Configuration',
			entries: ['clientId', 'clientSecret', 'callbackUrl'],
		});
		expect(await entries({ updateElement: 'pardot' }, 1)).toEqual({
			label: 'Pardot Configuration',
			entries: ['username', 'password', 'userKey', 'apiVersion'],
		});
	});

	it('filters List Instances by any element of the catalog, from the list or by key', async () => {
		const [filters] = (await visibleProperties({ operation: 'listInstances' })).filter((property) => property.name === 'filters');
		const element = (filters.options as INodeProperties[]).find((filter) => filter.name === 'element')!;
		expect(element.type).toBe('resourceLocator');
		expect(element.modes?.map((mode) => [mode.name, mode.typeOptions?.searchListMethod])).toEqual([
			['list', 'searchElements'],
			['key', undefined],
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
			'campaignmonitorApiKey',
			'campaignmonitorApiKeyApiKey',
			'campaignmonitorClientSecret',
			'campaignmonitorOAuthClientSecret',
			'eloquaClientSecret',
			'hubspotApiKey',
			'hubspotApiKeyApiKey',
			'hubspotClientSecret',
			'hubspotOAuthClientSecret',
			'icontactApiPassword',
			'icontactAppId',
			'instanceToken',
			'mailchimpv3ClientSecret',
			'mailjetmarketingApiKey',
			'mailjetmarketingSecretKey',
			'marketoClientSecret',
			'oauthClientSecret',
			'pardotClientSecret',
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
