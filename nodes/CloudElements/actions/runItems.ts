import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { readingFixedParametersOnce } from '../helpers/fixedParameters';
import { AUTO_CONCURRENCY, readExecutionSettings, type ExecutionSettings } from '../helpers/parameters';
import { createClient } from '../transport';
import { AdaptiveLimit, ConcurrencyLimiter, fixedLimit, type LimitPolicy } from '../transport/concurrency';
import { Attempts } from './attempts';
import { Turns } from './instance/turns';
import type { ExecutionRun, PreparedCall } from './operation';
import { findOperation } from './operations';
import { versionOf } from './versions';

type NodeError = NodeApiError | NodeOperationError;
type Result = IDataObject | IDataObject[] | NodeError;

const PREPARE_CHUNK = 100;
/** Where Auto starts: the fixed default it replaces (the bench's plot starts there too). */
export const AUTO_START = 4;

/** Provision outcomes that made a new instance. */
const CREATING_ACTIONS = ['created', 'replaced'];

/**
 * Runs the chosen operation for every input item, in two passes: every item
 * is read and checked first, so a batch with a bad item sends nothing (and a
 * rerun creates no duplicates); then the calls go out, as many at a time as
 * the execution's concurrency limit allows (fixed, or Auto). Output order and
 * pairing are those of the input; with "On Error: Continue" a failed item
 * becomes an `{ error }` item in its place, so none is lost. Without it the
 * node starts no further item after the first failure, waits for the calls
 * in flight, and fails naming the instances the run created.
 */
export async function runItems(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const itemCount = this.getInputData().length;
	const continueOnFail = this.continueOnFail();
	const settings = await settle(this, 0, () => readExecutionSettings(this));
	if (settings instanceof Error) {
		if (!continueOnFail) throw settings;
		// Thrown from execute(), n8n would pass the input items on as this node's output under
		// "On Error: Continue": every item fails with the options instead.
		return [Array.from({ length: itemCount }, (_, itemIndex) => errorItem(settings, itemIndex))];
	}
	const limiter = new ConcurrencyLimiter(limitPolicy(this, settings));
	const run: ExecutionRun = {
		client: createClient(this, settings, limiter),
		attempts: Attempts.of(this),
		turns: new Turns(),
		metadata: new Map(),
	};

	const prepared: Array<PreparedCall | NodeError | undefined> = await prepareItems(this, itemCount, run);
	const firstInvalid = prepared.find((call): call is NodeError => call instanceof Error);
	if (firstInvalid && !continueOnFail) throw firstInvalid;

	const results = await mapWithLimiter(itemCount, limiter, async (itemIndex) => {
		const call = prepared[itemIndex]!;
		// Let go of the call (and the body it holds) as it starts, not once the whole batch is done.
		prepared[itemIndex] = undefined;
		return call instanceof Error ? call : await settle(this, itemIndex, call);
	}, (result) => !continueOnFail && result instanceof Error);
	const failure = results.find((result): result is NodeError => result instanceof Error);
	// Every call in flight has settled by now; what they created must not go unreported.
	if (failure && !continueOnFail) throw withCreatedInstances(failure, results);

	const output = results.flatMap(toOutputItems);
	// n8n's Retry On Fail runs the node again when its first item is an error item, even under "On Error:
	// Continue": it checks `json.error` of the first output item (WorkflowExecute's retry loop).
	if (output[0]?.json.error === undefined) run.attempts.end();
	return [output];
}

/** Every item read and checked: its call, or what is wrong with it. */
async function prepareItems(ctx: IExecuteFunctions, itemCount: number, run: ExecutionRun): Promise<Array<PreparedCall | NodeError>> {
	const reader = readingFixedParametersOnce(ctx);
	const version = versionOf(ctx);
	const prepared: Array<PreparedCall | NodeError> = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		// Reading parameters is synchronous (about half a millisecond an item): let the
		// n8n process serve webhooks and heartbeats between chunks of a large batch.
		if (itemIndex % PREPARE_CHUNK === PREPARE_CHUNK - 1) await sleep(0);
		prepared.push(
			await settle(ctx, itemIndex, async () => {
				const name = reader.getNodeParameter('operation', itemIndex) as string;
				const operation = findOperation(version, name);
				if (!operation) throw new NodeOperationError(ctx.getNode(), `Unknown operation "${name}"`, { itemIndex });
				return await operation.prepare.call(reader, itemIndex, run);
			}),
		);
	}
	return prepared;
}

/**
 * The failure that stops the node, naming every instance this run created
 * before it stopped: no output will show them, and a new run with "Create
 * Another" and no key would create them again.
 */
function withCreatedInstances(failure: NodeError, results: Result[]): NodeError {
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
 * Runs `task` for indexes 0 to `count - 1`, each started once `limiter` lets
 * it; results keep the indexes' order. Once a result makes `stopAfter` true,
 * no further index starts.
 */
async function mapWithLimiter<R>(
	count: number,
	limiter: ConcurrencyLimiter,
	task: (index: number) => Promise<R>,
	stopAfter: (result: R) => boolean,
): Promise<R[]> {
	const results = new Array<R>(count);
	const running = new Set<Promise<void>>();
	let stopped = false;
	for (let index = 0; index < count; index++) {
		await limiter.acquire();
		if (stopped) {
			limiter.release();
			break;
		}
		const run = task(index)
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

/** What `run` returns, or the error it throws as the item's node error. */
async function settle<T>(ctx: IExecuteFunctions, itemIndex: number, run: () => T | Promise<T>): Promise<T | NodeError> {
	try {
		return await run();
	} catch (error) {
		return error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(ctx.getNode(), error, { itemIndex });
	}
}

function toOutputItems(result: Result, itemIndex: number): INodeExecutionData[] {
	if (result instanceof Error) return [errorItem(result, itemIndex)];
	return (Array.isArray(result) ? result : [result]).map((json) => ({ json, pairedItem: { item: itemIndex } }));
}

/** An item failed under "On Error: Continue": n8n keeps only the message in `json`; the description travels on `error`. */
function errorItem(error: NodeError, itemIndex: number): INodeExecutionData {
	return { json: { error: error.message }, error, pairedItem: { item: itemIndex } };
}
