import { deleteInstance } from '../../transport/instances';
import { instanceOperation } from './instanceOperation';

export const deleteOperation = instanceOperation(
	{
		name: 'Delete Instance',
		value: 'deleteInstance',
		description: 'Delete a Cloud Elements instance; its token stops working',
		action: 'Delete an instance',
	},
	async (client, itemIndex, id) => {
		await deleteInstance(client, itemIndex, id);
		return { deleted: true, id: Number(id) };
	},
	false,
);
