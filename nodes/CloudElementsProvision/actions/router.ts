import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { elements } from '../elements';
import { createClient, type CloudElementsClient } from '../transport';
import { prepareProvision, provisionOperation } from './instance/provision.operation';

/** Sends what an operation prepared for one item and returns the item's output. */
export type PreparedCall = (client: CloudElementsClient) => Promise<IDataObject>;

/** Reads and checks one item's parameters; throws before anything is sent. */
type Operation = (this: IExecuteFunctions, itemIndex: number) => PreparedCall;

const operations: Record<string, Operation> = Object.fromEntries(
	elements.map((element) => [
		provisionOperation(element),
		function (this: IExecuteFunctions, itemIndex: number) {
			return prepareProvision.call(this, element, itemIndex);
		},
	]),
);

/**
 * Runs the chosen operation for every input item, in two passes: every item
 * is read and checked first, so a batch with a bad item sends nothing (and a
 * rerun creates no duplicates); then the calls go out. Exactly one output
 * item per input item, paired to it; with "On Error: Continue" a failed item
 * becomes an `{ error }` item in its place, so none is lost.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const client = createClient(this);

	const prepared = items.map((_, itemIndex) => settle(this, itemIndex, () => prepare(this, itemIndex)));
	const firstInvalid = prepared.find((call) => call instanceof Error);
	if (firstInvalid && !this.continueOnFail()) throw firstInvalid;

	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const call = prepared[itemIndex];
		const result = call instanceof Error ? call : await settleAsync(this, itemIndex, () => call(client));
		returnData.push(toOutputItem(this, result, itemIndex));
	}
	return [returnData];
}

function prepare(ctx: IExecuteFunctions, itemIndex: number): PreparedCall {
	const operationName = ctx.getNodeParameter('operation', itemIndex) as string;
	const operation = operations[operationName];
	if (!operation) {
		throw new NodeOperationError(ctx.getNode(), `Unknown operation "${operationName}"`, { itemIndex });
	}
	return operation.call(ctx, itemIndex);
}

type NodeError = NodeApiError | NodeOperationError;

function asNodeError(ctx: IExecuteFunctions, error: Error, itemIndex: number): NodeError {
	return error instanceof NodeApiError || error instanceof NodeOperationError
		? error
		: new NodeOperationError(ctx.getNode(), error, { itemIndex });
}

function settle<T>(ctx: IExecuteFunctions, itemIndex: number, run: () => T): T | NodeError {
	try {
		return run();
	} catch (error) {
		return asNodeError(ctx, error, itemIndex);
	}
}

async function settleAsync<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	run: () => Promise<T>,
): Promise<T | NodeError> {
	try {
		return await run();
	} catch (error) {
		return asNodeError(ctx, error, itemIndex);
	}
}

function toOutputItem(
	ctx: IExecuteFunctions,
	result: IDataObject | NodeError,
	itemIndex: number,
): INodeExecutionData {
	if (!(result instanceof Error)) return { json: result, pairedItem: { item: itemIndex } };
	if (!ctx.continueOnFail()) throw result;
	return {
		json: { error: result.message, ...(result.description && { details: result.description }) },
		error: result,
		pairedItem: { item: itemIndex },
	};
}
