import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { assertNoProblems, readInstanceId } from '../../helpers/parameters';
import type { PreparedCall } from '../router';
import { instanceIdField } from '../common.descriptions';
import { deleteInstance } from './instances';

export const deleteOption = {
	name: 'Delete Instance',
	value: 'deleteInstance',
	description: 'Delete a Cloud Elements instance; its token stops working',
	action: 'Delete instance',
} satisfies INodePropertyOptions;

export const deleteDescription: INodeProperties[] = [instanceIdField([deleteOption.value])];

export function prepareDelete(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	const problems: string[] = [];
	const id = readInstanceId(this.getNodeParameter('instanceId', itemIndex, ''), problems);
	assertNoProblems(this, problems, itemIndex, 'Invalid fields');

	return async (client) => {
		await deleteInstance(client, itemIndex, id);
		return { deleted: true, id: Number(id) };
	};
}
