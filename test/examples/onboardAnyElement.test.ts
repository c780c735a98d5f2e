import type { IDataObject } from 'n8n-workflow';

import { codeNodeItems, exampleWorkflow } from '../harness/examples';
import { useFakeCloudElements } from '../harness/fake';
import { runProvision } from '../harness/provision';
import { leakedSecrets, shownByNode } from '../harness/shown';
const workflow = exampleWorkflow('onboard-any-element.json');

const ctx = useFakeCloudElements();

const nodeNamed = (name: string) => workflow.nodes.find((node) => node.name === name)!;

/** The customers the example's Code node returns. */
const customers = codeNodeItems(workflow, 'Customers');

describe('examples/onboard-any-element.json', () => {
	it('provisions three customers on three different elements with one node, secrets kept out of the output', async () => {
		const result = await runProvision({ fake: ctx.fake, items: customers, parameters: nodeNamed('Provision any element').parameters as IDataObject });

		expect(result.status).toBe('success');
		const creates = result.requests.filter((request) => request.method === 'POST');
		expect(creates.map((request) => request.body.element.key)).toEqual(['icontact', 'mailjetmarketing', 'marketo']);
		for (const [index, customer] of customers.entries()) {
			expect(creates[index].body.configuration).toEqual({
				...(customer.configuration as IDataObject),
				[customer.secretKey as string]: customer.secret,
			});
			const instance = ctx.fake.instances.find((candidate) => candidate.name === customer.customer);
			expect(result.items[index].json).toMatchObject({ id: instance.id, token: instance.token, name: customer.customer });
		}
		expect(leakedSecrets(shownByNode(result), customers.map((customer) => customer.secret as string))).toEqual([]);
	});
});
