import type { IDataObject } from 'n8n-workflow';

import { exampleWorkflow } from '../harness/examples';
import { useFakeCloudElements } from '../harness/fake';
import { runProvision } from '../harness/provision';

const workflow = exampleWorkflow('ai-agent-provision.json');

const ctx = useFakeCloudElements();

const tool = workflow.nodes.find((node) => node.name === 'Provision Autopilot')!;

describe('examples/ai-agent-provision.json', () => {
	it('connects the node to the AI Agent as a tool, the model filling only the instance name', () => {
		expect(tool.type).toBe('n8n-nodes-cloud-elements.cloudElementsProvisionTool');
		expect(workflow.connections['Provision Autopilot']).toEqual({
			ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]],
		});
		const filledByModel = Object.entries(tool.parameters as IDataObject)
			.filter(([, value]) => JSON.stringify(value).includes('$fromAI('))
			.map(([name]) => name);
		expect(filledByModel).toEqual(['instanceName']);
		// The provider key comes from the node in front, not from the model.
		expect(tool.parameters.autopilotApiKey).toBe("={{ $('Customer').first().json.autopilotApiKey }}");
	});

	it('answers a repeated tool call with the instance the first call made, token left out', async () => {
		// The tool's own settings, with what the model and the Customer node fill in.
		const parameters = { ...tool.parameters, instanceName: 'acme-corp', autopilotApiKey: 'acme-autopilot-api-key', tags: ['ai-agent', 'acme'] };
		const first = await runProvision({ fake: ctx.fake, parameters, asTool: true });
		const second = await runProvision({ fake: ctx.fake, parameters, asTool: true });

		expect(ctx.fake.instances).toHaveLength(1);
		const [instance] = ctx.fake.instances;
		expect([first.items[0].json.provisionAction, second.items[0].json.provisionAction]).toEqual(['created', 'existing']);
		expect(second.items[0].json).toEqual({
			id: instance.id,
			name: 'acme-corp',
			elementKey: 'autopilot',
			tags: ['ai-agent', 'acme'],
			createdDate: instance.createdDate,
			provisionAction: 'existing',
		});
		expect(JSON.stringify([first.items, second.items])).not.toContain(instance.token);
	});
});
