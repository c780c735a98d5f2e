import type { IExecuteFunctions } from 'n8n-workflow';

/** Whether a raw parameter value holds an expression anywhere (a string starting with `=`). */
function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (value === null || typeof value !== 'object') return false;
	return Object.values(value).some(holdsExpression);
}

/**
 * The execution's context, with each parameter that holds no expression read
 * once and shared by every item: n8n resolves, copies and validates a
 * parameter on each read, which for a fixed value gives the same answer for
 * every item. Parameters with an expression are read per item, as before.
 * `getNode()` too answers with one copy for the execution: n8n deep-copies the
 * node (parameters, credentials, options) on every call, and a prepared call
 * or an error that keeps it would keep a copy per item, for the whole batch.
 * Callers must not change what they read.
 */
export function readingFixedParametersOnce(ctx: IExecuteFunctions): IExecuteFunctions {
	const node = ctx.getNode();
	const raw = node.parameters;
	// Decided once per execution, not on every read of every item.
	const fixedNames = new Set(Object.keys(raw).filter((name) => !holdsExpression(raw[name])));
	const fixed = new Map<string, unknown>();
	const read = ctx.getNodeParameter.bind(ctx) as (...args: unknown[]) => unknown;
	const getNodeParameter = (name: string, itemIndex: number, fallback?: unknown, options?: object) => {
		if (options !== undefined || !fixedNames.has(name)) return read(name, itemIndex, fallback, options);
		if (!fixed.has(name)) fixed.set(name, read(name, itemIndex, fallback));
		return fixed.get(name);
	};
	return Object.assign(Object.create(ctx) as IExecuteFunctions, { getNodeParameter, getNode: () => node });
}
