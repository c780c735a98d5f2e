import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createClient, type CloudElementsClient, type ClientSettings, type RequestContext } from '../transport';

/**
 * Readers for the parameters every operation shares. Each returns the value
 * or adds a sentence naming the field to `problems`, so one error can name
 * every wrong field of an item.
 */

export function readText(label: string, value: unknown, problems: string[], required = true): string {
	if (typeof value === 'number') return String(value);
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (value === undefined || value === null || typeof value === 'string') {
		if (required) problems.push(`${label} is missing`);
	} else {
		problems.push(`${label} must be text`);
	}
	return '';
}

/** The item's Instance ID: a whole number, as Cloud Elements numbers instances. */
export function readInstanceId(ctx: IExecuteFunctions, itemIndex: number, problems: string[]): string {
	const id = readText('Instance ID', ctx.getNodeParameter('instanceId', itemIndex, ''), problems);
	if (id && !/^\d+$/.test(id)) problems.push(`Instance ID must be a whole number (got ${JSON.stringify(id.slice(0, 40))})`);
	return id;
}

/**
 * An Element filter: a catalog pick or a key (`{ mode, value }`), or the
 * key alone as version 1's list of known elements saved it; unset or empty
 * filters nothing.
 */
export function readElementFilter(value: unknown, problems: string[]): string | undefined {
	const key = value !== null && typeof value === 'object' ? (value as IDataObject).value : value;
	return readText('Element', key, problems, false) || undefined;
}

/** Entries may be typed one by one or come from an expression as a list; blank ones are skipped. */
export function readTags(value: unknown, problems: string[]): string[] {
	const entries = (Array.isArray(value) ? value : [value]).flat();
	const tags: string[] = [];
	entries.forEach((entry, index) => {
		if (entry === undefined || entry === null || entry === '') return;
		if (typeof entry !== 'string' && typeof entry !== 'number') {
			problems.push(`Tags entry ${index + 1} must be text`);
			return;
		}
		const tag = String(entry).trim();
		if (tag) tags.push(tag);
	});
	return tags;
}

/**
 * ` [item 2]`, naming the item an error is about where the node got several;
 * for one item (a single run, or a call as an AI Agent's tool) it would be
 * noise, to a model most of all.
 */
export function itemLabel(ctx: IExecuteFunctions, itemIndex: number): string {
	return ctx.getInputData().length > 1 ? ` [item ${itemIndex}]` : '';
}

/** One error for the item naming every problem found. */
export function problemsError(
	ctx: IExecuteFunctions,
	problems: string[],
	itemIndex: number,
	subject: string,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${subject}: ${problems.join('; ')}${itemLabel(ctx, itemIndex)}`, {
		itemIndex,
		description,
	});
}

/** Throws `problemsError` where there are problems, before anything is sent. */
export function assertNoProblems(
	ctx: IExecuteFunctions,
	problems: string[],
	itemIndex: number,
	subject: string,
	description?: string,
): void {
	if (problems.length > 0) throw problemsError(ctx, problems, itemIndex, subject, description);
}

/** Concurrency 0: the limit adapts to what Cloud Elements serves (see transport/concurrency.ts). */
export const AUTO_CONCURRENCY = 0;

export interface ExecutionSettings extends ClientSettings {
	/** Items in flight at once, or `AUTO_CONCURRENCY`. */
	concurrency: number;
	/** The most items Auto lets run at once. */
	maxConcurrency: number;
}

export const settingsLimits: Record<
	keyof ExecutionSettings,
	{ label: string; min: number; max: number; default: number; minMeaning?: string }
> = {
	concurrency: { label: 'Concurrency', min: AUTO_CONCURRENCY, max: 50, default: AUTO_CONCURRENCY, minMeaning: 'Auto' },
	maxConcurrency: { label: 'Max Concurrency (Auto)', min: 1, max: 50, default: 50 },
	maxTries: { label: 'Max Tries', min: 1, max: 10, default: 3 },
	retryWaitMs: { label: 'Wait Between Tries (Ms)', min: 0, max: 60_000, default: 1000 },
	timeoutMs: { label: 'Timeout (Ms)', min: 1, max: 600_000, default: 60_000 },
	lookWindowMs: { label: 'Look for Lost Creates (Ms)', min: 0, max: 600_000, default: 30_000 },
};

/** The options' defaults: what the editor's look-ups (element catalog, fields) and the triggers run with. */
export function defaultExecutionSettings(): ExecutionSettings {
	const entries = Object.entries(settingsLimits).map(([name, limits]) => [name, limits.default]);
	return Object.fromEntries(entries) as unknown as ExecutionSettings;
}

/** A client with the options' defaults, for what has no Options of its own: the editor's look-ups, the triggers. */
export function clientWithDefaults(ctx: RequestContext): CloudElementsClient {
	return createClient(ctx, defaultExecutionSettings());
}

/** The execution-wide options, read once (from the first item) since they shape the whole run. */
export function readExecutionSettings(ctx: IExecuteFunctions): ExecutionSettings {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const settings = {} as ExecutionSettings;
	const problems: string[] = [];
	for (const [name, limits] of Object.entries(settingsLimits)) {
		const value = options[name] ?? limits.default;
		if (typeof value !== 'number' || !Number.isInteger(value) || value < limits.min || value > limits.max) {
			const min = limits.minMeaning ? `${limits.min} (${limits.minMeaning})` : limits.min;
			problems.push(`${limits.label} must be a whole number from ${min} to ${limits.max}`);
		}
		settings[name as keyof ExecutionSettings] = Number(value);
	}
	if (problems.length > 0) {
		throw new NodeOperationError(ctx.getNode(), `Invalid options: ${problems.join('; ')}`);
	}
	return settings;
}
