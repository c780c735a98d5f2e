import type { IDataObject } from 'n8n-workflow';

import { instanceProblem } from '../../transport/instances';
import { instanceOperation } from './instanceOperation';
import { outputInstance } from './output';

/**
 * Enable or Disable Instance: `PUT` or `DELETE /instances/{id}/enabled`. A
 * disabled instance keeps its ID and token; element calls with it are refused
 * (403) until it is enabled again, e.g. after Open Connectors disabled it for
 * failed token refreshes and it was re-authenticated.
 */
const setEnabled = (enable: boolean) =>
	instanceOperation(
		enable
			? {
					name: 'Enable Instance',
					value: 'enableInstance',
					description: 'Enable a disabled Cloud Elements instance, e.g. after re-authenticating it',
					action: 'Enable an instance',
				}
			: {
					name: 'Disable Instance',
					value: 'disableInstance',
					description: 'Disable a Cloud Elements instance, keeping its ID and token; element calls with it are refused',
					action: 'Disable an instance',
				},
		async (client, itemIndex, id, output) => {
			const path = `/instances/${id}/enabled`;
			const answer = await client.request<unknown>(itemIndex, { method: enable ? 'PUT' : 'DELETE', path });
			// The platform answers with the instance; where it answers with nothing, say what changed.
			return instanceProblem(answer) === undefined
				? outputInstance(answer as IDataObject, output)
				: { id: Number(id), disabled: !enable };
		},
		true,
	);

export const enableOperation = setEnabled(true);
export const disableOperation = setEnabled(false);
