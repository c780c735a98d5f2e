import type { IHookFunctions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** One error naming every wrong field of a trigger, raised at activation (or in the editor's test run). */
export function settingsError(ctx: IHookFunctions | IPollFunctions, problems: string[]): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `Invalid trigger settings: ${problems.join('; ')}`);
}
