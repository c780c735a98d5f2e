import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { assertNoProblems, readInstanceId } from '../../helpers/parameters';
import { outputInstance, readInstanceOutput } from './output';
import type { Operation, PreparedCall } from '../operation';
import { instanceIdField } from '../common.descriptions';
import { instanceProblem } from '../../transport/instances';

const option = {
	name: 'Get Instance',
	value: 'getInstance',
	description: 'Get one Cloud Elements instance by its ID',
	action: 'Get an instance',
} satisfies Operation['option'];

const description: INodeProperties[] = [instanceIdField([option.value])];

function prepareGet(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	const problems: string[] = [];
	const id = readInstanceId(this.getNodeParameter('instanceId', itemIndex, ''), problems);
	const output = readInstanceOutput(this, itemIndex);
	assertNoProblems(this, problems, itemIndex, 'Invalid fields');

	return async (client) =>
		outputInstance(
			await client.request(itemIndex, { method: 'GET', path: `/instances/${id}`, checkBody: instanceProblem }),
			output,
		);
}

export const getOperation: Operation = { option, description, outputsInstances: true, prepare: prepareGet };
