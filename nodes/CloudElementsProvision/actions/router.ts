import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { elements } from '../elements';
import { createClient, type CloudElementsClient } from '../transport';
import { provision, provisionOperation } from './instance/provision.operation';

type Operation = (
	this: IExecuteFunctions,
	client: CloudElementsClient,
	itemIndex: number,
) => Promise<IDataObject>;

const operations: Record<string, Operation> = Object.fromEntries(
	elements.map((element) => [
		provisionOperation(element),
		function (this: IExecuteFunctions, client: CloudElementsClient, itemIndex: number) {
			return provision.call(this, client, element, itemIndex);
		},
	]),
);

/**
 * Runs the chosen operation once per input item and returns exactly one
 * output item per input item, paired to it. With "On Error: Continue" a
 * failed item becomes an `{ error }` item in its place, so none is lost.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const client = createClient(this);
	const returnData: INodeExecutionData[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const operationName = this.getNodeParameter('operation', itemIndex) as string;
			const operation = operations[operationName];
			if (!operation) {
				throw new NodeOperationError(this.getNode(), `Unknown operation "${operationName}"`, {
					itemIndex,
				});
			}
			const json = await operation.call(this, client, itemIndex);
			returnData.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError =
				error instanceof NodeApiError
					? error
					: new NodeOperationError(this.getNode(), error, { itemIndex });
			if (!this.continueOnFail()) throw nodeError;
			returnData.push({
				json: { error: nodeError.message, ...(nodeError.description && { details: nodeError.description }) },
				error: nodeError,
				pairedItem: { item: itemIndex },
			});
		}
	}
	return [returnData];
}
