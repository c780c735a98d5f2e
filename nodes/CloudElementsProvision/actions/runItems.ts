import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { readingFixedParametersOnce } from '../helpers/fixedParameters';
import { AUTO_CONCURRENCY, readExecutionSettings, type ExecutionSettings } from '../helpers/parameters';
import { createClient, type CloudElementsClient } from '../transport';
import { AdaptiveLimit, ConcurrencyLimiter, fixedLimit, type LimitPolicy } from '../transport/concurrency';
import { Attempts } from './instance/attempts';
import type { PreparedCall } from './operation';
import { findOperation } from './operations';

type NodeError = NodeApiError | NodeOperationError;

const PREPARE_CHUNK = 100;
/** Where Auto starts: the fixed default it replaces (the bench's plot starts there too). */
export const AUTO_START = 4;

/** Provision outcomes that made a new instance. */
const CREATING_ACTIONS = ['created', 'replaced'];

/**
 * Runs the chosen operation for every input item, in two passes: every item
 * is read and checked first, so a batch with a bad item sends nothing (and a
 * rerun creates no duplicates); then the calls go out, as many at a time as
 * the execution's concurrency limit allows (fixed, or Auto). Output order and pairing are those of the input; with
 * "On Error: Continue" a failed item becomes an `{ error }` item in its
 * place, so none is lost. Without it the node starts no further item after
 * the first failure, waits for the calls in flight, and fails naming the
 * instances the run created.
 */
export async function runItems(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const settings = settle(this, 0, () => readExecutionSettings(this));
	if (settings instanceof Error) {
		// Thrown from execute(), n8n would pass the input items on as this node's output
		// under "On Error: Continue"; every item fails with the options instead.
		return [items.flatMap((_, itemIndex) => toOutputItems(this, settings, itemIndex))];
	}
	const limiter = new ConcurrencyLimiter(limitPolicy(this, settings));
	const client = createClient(this, settings, limiter);
	const attempts = Attempts.of(this);

	const reader = readingFixedParametersOnce(this);
	const prepared: Array<PreparedCall | NodeError> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		// Reading parameters is synchronous (about half a millisecond an item): let the
		// n8n process serve webhooks and heartbeats between chunks of a large batch.
		if (itemIndex % PREPARE_CHUNK === PREPARE_CHUNK - 1) await sleep(0);
		prepared.push(await settleAsync(this, itemIndex, async () => await prepare(reader, itemIndex, client, attempts)));
	}
	const firstInvalid = prepared.find((call): call is NodeError => call instanceof Error);
	if (firstInvalid && !this.continueOnFail()) throw firstInvalid;

	const stopAtFailure = !this.continueOnFail();
	const results = await mapWithLimiter(
		prepared,
		limiter,
		async (call, itemIndex) => (call instanceof Error ? call : await settleAsync(this, itemIndex, () => call(client))),
		(result) => stopAtFailure && result instanceof Error,
	);
	if (stopAtFailure) {
		// Every call in flight has settled by now; what they created must not go unreported.
		const failure = results.find((result): result is NodeError => result instanceof Error);
		if (failure) throw withCreatedInstances(failure, results);
	}
	const output = results.flatMap((result, itemIndex) => toOutputItems(this, result, itemIndex));
	// n8n's Retry On Fail runs the node again when its first item is an error item, even under "On Error:
	// Continue": it checks `json.error` of the first output item (WorkflowExecute's retry loop).
	if (output[0]?.json.error === undefined) attempts.end();
	return [output];
}

/**
 * The failure that stops the node, naming every instance this run created
 * before it stopped: no output will show them, and a new run with "Create
 * Another" and no key would create them again.
 */
function withCreatedInstances(failure: NodeError, results: Array<IDataObject | IDataObject[] | NodeError>): NodeError {
	const created = results.flatMap((result, itemIndex) =>
		result && !(result instanceof Error) && !Array.isArray(result) && CREATING_ACTIONS.includes(String(result.provisionAction))
			? [`item ${itemIndex} "${result.name}" (ID ${result.id})`]
			: [],
	);
	if (created.length === 0) return failure;
	failure.description = [
		failure.description,
		`Before it stopped, this run created ${created.length === 1 ? 'an instance' : `${created.length} instances`} that no output shows: ${created.join(', ')}`,
		'Retry this execution (executions list, where n8n saved it) to output them and provision the rest: a retry, as Retry On Fail, takes over what this run did. A new run creates them again unless an Idempotency Key or "If Instance Already Exists: Return Existing" finds them',
	]
		.filter(Boolean)
		.join('. ');
	return failure;
}

async function prepare(
	ctx: IExecuteFunctions,
	itemIndex: number,
	client: CloudElementsClient,
	attempts: Attempts,
): Promise<PreparedCall> {
	const operationName = ctx.getNodeParameter('operation', itemIndex) as string;
	const operation = findOperation(operationName);
	if (!operation) {
		throw new NodeOperationError(ctx.getNode(), `Unknown operation "${operationName}"`, { itemIndex });
	}
	return await operation.prepare.call(ctx, itemIndex, client, attempts);
}

/** The execution's concurrency: the number set, or Auto from a low start up to Max Concurrency. */
function limitPolicy(ctx: IExecuteFunctions, settings: ExecutionSettings): LimitPolicy {
	if (settings.concurrency !== AUTO_CONCURRENCY) return fixedLimit(settings.concurrency);
	return new AdaptiveLimit({
		initial: AUTO_START,
		max: settings.maxConcurrency,
		onChange: (limit, reason) => ctx.logger.debug(`Cloud Elements Provision: concurrency ${limit} (${reason})`, { concurrency: limit }),
	});
}

/**
 * Runs `task` over `inputs`, each started once `limiter` lets it; results
 * keep the inputs' order. Once a result makes `stopAfter` true, no further
 * input starts. Each input is let go of (its place in `inputs` emptied) as
 * its task starts: a prepared call holds its body until then, not until the
 * whole batch is done.
 */
async function mapWithLimiter<T, R>(
	inputs: T[],
	limiter: ConcurrencyLimiter,
	task: (input: T, index: number) => Promise<R>,
	stopAfter: (result: R) => boolean,
): Promise<R[]> {
	const results = new Array<R>(inputs.length);
	const running = new Set<Promise<void>>();
	let stopped = false;
	for (let index = 0; index < inputs.length; index++) {
		await limiter.acquire();
		if (stopped) {
			limiter.release();
			break;
		}
		const input = inputs[index];
		delete inputs[index];
		const run = task(input, index)
			.then((result) => {
				results[index] = result;
				if (stopAfter(result)) stopped = true;
			})
			.finally(() => {
				limiter.release();
				running.delete(run);
			});
		running.add(run);
	}
	await Promise.all(running);
	return results;
}

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

function toOutputItems(
	ctx: IExecuteFunctions,
	result: IDataObject | IDataObject[] | NodeError,
	itemIndex: number,
): INodeExecutionData[] {
	const pairedItem = { item: itemIndex };
	if (!(result instanceof Error)) {
		return (Array.isArray(result) ? result : [result]).map((json) => ({ json, pairedItem }));
	}
	if (!ctx.continueOnFail()) throw result;
	return [
		{
			// n8n keeps only the message here; the description travels on `error`.
			json: { error: result.message },
			error: result,
			pairedItem,
		},
	];
}
