import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { assertNoProblems, readInstanceId } from '../../helpers/parameters';
import type { Operation, PreparedCall } from '../operation';
import { instanceIdField } from '../common.descriptions';
import { deleteInstance } from '../../transport/instances';

const option = {
	name: 'Delete Instance',
	value: 'deleteInstance',
	description: 'Delete a Cloud Elements instance; its token stops working',
	action: 'Delete an instance',
} satisfies Operation['option'];

const description: INodeProperties[] = [instanceIdField([option.value])];

function prepareDelete(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	const problems: string[] = [];
	const id = readInstanceId(this.getNodeParameter('instanceId', itemIndex, ''), problems);
	assertNoProblems(this, problems, itemIndex, 'Invalid fields');

	return async (client) => {
		await deleteInstance(client, itemIndex, id);
		return { deleted: true, id: Number(id) };
	};
}

export const deleteOperation: Operation = { option, description, prepare: prepareDelete };
