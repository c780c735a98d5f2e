import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { assertNoProblems, readInstanceId } from '../../helpers/parameters';
import type { CloudElementsClient } from '../../transport';
import { instanceIdField } from '../common.descriptions';
import type { ExecutionRun, Operation } from '../operation';
import { readInstanceOutput, type InstanceOutput } from './output';

/** What an operation on one instance sends, once its Instance ID is read and checked. */
type InstanceCall = (client: CloudElementsClient, itemIndex: number, id: string, output: InstanceOutput) => Promise<IDataObject>;

/** An operation whose only field is the Instance ID: Get, Delete, Enable and Disable Instance. */
export function instanceOperation(option: Operation['option'], call: InstanceCall, outputsInstances: boolean): Operation {
	function prepare(this: IExecuteFunctions, itemIndex: number, { client }: ExecutionRun) {
		const problems: string[] = [];
		const id = readInstanceId(this, itemIndex, problems);
		const output = readInstanceOutput(this, itemIndex);
		assertNoProblems(this, problems, itemIndex, 'Invalid fields');
		return async () => await call(client, itemIndex, id, output);
	}
	return {
		option,
		description: [instanceIdField([option.value])],
		...(outputsInstances && { outputsInstances: true }),
		prepare,
	};
}
