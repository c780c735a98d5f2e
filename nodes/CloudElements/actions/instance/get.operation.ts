import { instanceProblem } from '../../transport/instances';
import { instanceOperation } from './instanceOperation';
import { outputInstance } from './output';

export const getOperation = instanceOperation(
	{
		name: 'Get Instance',
		value: 'getInstance',
		description: 'Get one Cloud Elements instance by its ID',
		action: 'Get an instance',
	},
	async (client, itemIndex, id, output) =>
		outputInstance(await client.request(itemIndex, { method: 'GET', path: `/instances/${id}`, checkBody: instanceProblem }), output),
	true,
);
