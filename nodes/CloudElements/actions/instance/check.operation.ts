import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { assertNoProblems, itemLabel, readInstanceId } from '../../helpers/parameters';
import type { CloudElementsClient } from '../../transport';
import { pingInstance } from '../../transport/elementApi';
import { instanceProblem } from '../../transport/instances';
import { instanceIdField } from '../common.descriptions';
import type { ExecutionRun, Operation, PreparedCall } from '../operation';

const option = {
	name: 'Check Instance',
	value: 'checkInstance',
	description:
		"Check that an instance is usable now: its element answers a ping with the instance's token, or, where the element has no ping, the platform holds it valid and enabled",
	action: 'Check an instance',
} satisfies Operation['option'];

const description: INodeProperties[] = [
	instanceIdField([option.value]),
	{
		displayName: 'Fail When Unhealthy',
		name: 'failWhenUnhealthy',
		type: 'boolean',
		default: true,
		description:
			'Whether a broken instance fails its item, naming the reason (the workflow stops, or with On Error: Continue the item is an error). Off: its item says healthy: false and the reason, for an IF node to branch on.',
		displayOptions: { show: { operation: [option.value] } },
	},
];

/** Whether the instance is usable, and what says so. */
interface Health {
	healthy: boolean;
	reason: string;
	/** `ping`: the element answered with the instance's token; `instance`: the platform's valid and disabled flags. */
	checkedWith: 'ping' | 'instance';
}

/** Statuses of a ping refused for the instance's sake (its token or login), not for a passing trouble. */
const REFUSED_STATUSES = ['401', '403'];

async function healthOf(client: CloudElementsClient, itemIndex: number, instance: IDataObject): Promise<Health> {
	if (instance.disabled === true) return { healthy: false, reason: 'The instance is disabled', checkedWith: 'instance' };
	const hub = (instance.element as IDataObject | undefined)?.hub;
	if (typeof hub === 'string' && hub !== '') {
		try {
			const valid = await pingInstance(client, itemIndex, hub, String(instance.token));
			if (valid === true) return { healthy: true, reason: 'Its element answered the ping', checkedWith: 'ping' };
			if (valid === false) return { healthy: false, reason: 'Its element answered the ping with valid: false', checkedWith: 'ping' };
		} catch (error) {
			if (!(error instanceof NodeApiError) || !REFUSED_STATUSES.includes(error.httpCode ?? '')) throw error as NodeApiError;
			return { healthy: false, reason: `Its element refused the ping: ${error.message}`, checkedWith: 'ping' };
		}
	}
	return instance.valid === false
		? { healthy: false, reason: 'The platform holds it not valid: its login to the provider failed', checkedWith: 'instance' }
		: { healthy: true, reason: 'The platform holds it valid and enabled (its element has no ping)', checkedWith: 'instance' };
}

function prepareCheck(this: IExecuteFunctions, itemIndex: number, { client }: ExecutionRun): PreparedCall {
	const problems: string[] = [];
	const id = readInstanceId(this, itemIndex, problems);
	const failWhenUnhealthy = this.getNodeParameter('failWhenUnhealthy', itemIndex, true) !== false;
	assertNoProblems(this, problems, itemIndex, 'Invalid fields');
	return async () => {
		const instance = await client.request(itemIndex, { method: 'GET', path: `/instances/${id}`, checkBody: instanceProblem });
		const health = await healthOf(client, itemIndex, instance);
		const output: IDataObject = {
			id: instance.id,
			name: instance.name,
			elementKey: (instance.element as IDataObject | undefined)?.key,
			...health,
			valid: instance.valid,
			disabled: instance.disabled,
		};
		if (health.healthy || !failWhenUnhealthy) return output;
		// So a workflow stops here: an onboarding form shows the customer at once that the key is wrong.
		throw new NodeOperationError(this.getNode(), `Instance ${id} is not usable: ${health.reason}${itemLabel(this, itemIndex)}`, {
			itemIndex,
			description:
				'Re-authenticate it (Re-Authenticate Instance, or Get OAuth Authorization URL for an OAuth element) or enable it (Enable Instance), then check again',
		});
	};
}

export const checkOperation: Operation = { option, description, prepare: prepareCheck };
