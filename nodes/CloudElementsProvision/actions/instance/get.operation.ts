import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { assertNoProblems, readInstanceId } from '../../helpers/parameters';
import { presentInstance } from '../../helpers/secrets';
import type { PreparedCall } from '../router';
import { instanceIdField } from '../common.descriptions';
import { instanceProblem } from './createInstance';

export const getOption = {
	name: 'Get Instance',
	value: 'getInstance',
	description: 'Get one Cloud Elements instance by its ID',
	action: 'Get instance',
} satisfies INodePropertyOptions;

export const getDescription: INodeProperties[] = [instanceIdField([getOption.value])];

export function prepareGet(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	const problems: string[] = [];
	const id = readInstanceId(this.getNodeParameter('instanceId', itemIndex, ''), problems);
	const { includeSecrets } = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	assertNoProblems(this, problems, itemIndex, 'Invalid fields');

	return async (client) =>
		presentInstance(
			await client.request(itemIndex, { method: 'GET', path: `/instances/${id}`, checkBody: instanceProblem }),
			includeSecrets === true,
		);
}
