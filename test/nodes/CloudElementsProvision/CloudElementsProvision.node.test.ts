import { NodeHelpers, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';

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

const common = ['Operation', 'Instance Name', 'Tags', 'Additional Fields', 'Options'];

describe('Cloud Elements Provision in the editor', () => {
	it('offers one provisioning operation per element, with actions', async () => {
		const { nodeTypes } = await loadPackage();
		const description = nodeTypes.cloudElementsProvision.type.description as INodeTypeDescription;
		const operation = description.properties.find((property) => property.name === 'operation')!;
		expect(operation.options).toEqual([
			expect.objectContaining({ name: 'Provision Autopilot Instance', value: 'provisionAutopilot', action: 'Provision a Autopilot instance' }),
			expect.objectContaining({ name: 'Provision Pardot Instance', value: 'provisionPardot', action: 'Provision a Pardot instance' }),
		]);
		expect(operation.default).toBe('provisionPardot');
		expect(description.usableAsTool).toBe(true);
	});

	it('shows exactly the Pardot fields for the Pardot operation', async () => {
		const labels = await visibleLabels({ operation: 'provisionPardot' });
		expect(labels.sort()).toEqual([...common, 'Username', 'Password', 'User Key', 'API Version'].sort());
	});

	it('shows exactly the Autopilot fields for the Autopilot operation', async () => {
		const labels = await visibleLabels({ operation: 'provisionAutopilot' });
		expect(labels.sort()).toEqual([...common, 'API Key'].sort());
	});

	it('masks every provider secret and defaults the Pardot API version to 3', async () => {
		const { nodeTypes } = await loadPackage();
		const { properties } = nodeTypes.cloudElementsProvision.type.description as INodeTypeDescription;
		const masked = properties.filter((property) => property.typeOptions?.password).map((property) => property.name);
		expect(masked.sort()).toEqual(['autopilotApiKey', 'pardotPassword', 'pardotUserKey']);
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
