import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { assertNoProblems, readInstanceId } from '../../helpers/parameters';
import { outputInstance, readInstanceOutput } from './output';
import type { Operation, PreparedCall } from '../operation';
import { instanceIdField } from '../common.descriptions';
import { instanceProblem } from '../../transport/instances';

/**
 * Enable or Disable Instance: `PUT` or `DELETE /instances/{id}/enabled`. A
 * disabled instance keeps its ID and token; element calls with it are refused
 * (403) until it is enabled again, e.g. after Open Connectors disabled it for
 * failed token refreshes and it was re-authenticated.
 */
function setEnabledOperation(enable: boolean): Operation {
	const option = enable
		? {
				name: 'Enable Instance',
				value: 'enableInstance' as const,
				description: 'Enable a disabled Cloud Elements instance, e.g. after re-authenticating it',
				action: 'Enable an instance',
			}
		: {
				name: 'Disable Instance',
				value: 'disableInstance' as const,
				description: 'Disable a Cloud Elements instance, keeping its ID and token; element calls with it are refused',
				action: 'Disable an instance',
			};

	function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCall {
		const problems: string[] = [];
		const id = readInstanceId(this.getNodeParameter('instanceId', itemIndex, ''), problems);
		const output = readInstanceOutput(this, itemIndex);
		assertNoProblems(this, problems, itemIndex, 'Invalid fields');

		return async (client) => {
			const path = `/instances/${id}/enabled`;
			const answer = await client.request<unknown>(itemIndex, { method: enable ? 'PUT' : 'DELETE', path });
			// The platform answers with the instance; where it answers with nothing, say what changed.
			return instanceProblem(answer) === undefined
				? outputInstance(answer as IDataObject, output)
				: { id: Number(id), disabled: !enable };
		};
	}

	return { option, description: [instanceIdField([option.value])], outputsInstances: true, prepare };
}

export const enableOperation = setEnabledOperation(true);
export const disableOperation = setEnabledOperation(false);
