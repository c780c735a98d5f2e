import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { FakeCloudElements, RecordedRequest } from '../fake-api/server';
import type { WorkflowResult } from './engine';

export const NODE_NAME: string;

export function fakeCredentials(fake: FakeCloudElements, overrides?: IDataObject): IDataObject;

export function runProvision(options: {
	fake: FakeCloudElements;
	items?: unknown[];
	parameters: IDataObject;
	onError?: 'continueRegularOutput' | 'continueErrorOutput' | 'stopWorkflow';
	credentials?: IDataObject;
	asTool?: boolean;
}): Promise<WorkflowResult & { items: INodeExecutionData[]; requests: RecordedRequest[] }>;
