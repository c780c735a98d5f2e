import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { FakeCloudElements, RecordedRequest } from '../fake-api/server';
import type { WorkflowResult } from './engine';

export const NODE_NAME: string;

export function fakeCredentials(fake: FakeCloudElements, overrides?: IDataObject): IDataObject;

export interface ProvisionRun extends WorkflowResult {
	items: INodeExecutionData[];
	requests: RecordedRequest[];
	retry(): Promise<ProvisionRun>;
}

export function runProvision(options: {
	fake: FakeCloudElements;
	items?: unknown[];
	parameters: IDataObject;
	onError?: 'continueRegularOutput' | 'continueErrorOutput' | 'stopWorkflow';
	/** The node's settings tab, e.g. Retry On Fail. */
	settings?: { retryOnFail?: boolean; maxTries?: number; waitBetweenTries?: number };
	credentials?: IDataObject;
	asTool?: boolean;
	/** The node's version: 2 (the default), or 1 as workflows saved before it have. */
	typeVersion?: 1 | 2;
}): Promise<ProvisionRun>;
