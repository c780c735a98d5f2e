import type { IDataObject, INode, INodeExecutionData, Workflow } from 'n8n-workflow';

export interface TriggerWorkflow {
	node: INode;
	workflow: Workflow;
	/** The items each delivery that started the workflow handed it. */
	started: INodeExecutionData[][][];
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- whatever the trigger keeps
	readonly staticData: any;
	/** The production webhook URL (n8n's would be under /webhook/ too); deliveries sent there reach `webhook()`. */
	webhookUrl: string;
	hook(method: 'checkExists' | 'create' | 'delete', options?: { mode?: 'trigger' | 'manual'; isTest?: boolean }): Promise<boolean>;
	activate(options?: { mode?: 'trigger' | 'manual'; isTest?: boolean }): Promise<void>;
	poll(mode?: 'trigger' | 'manual'): Promise<INodeExecutionData[][] | null>;
	close(): Promise<void>;
}

export function triggerWorkflow(options: {
	type: 'cloudElementsTrigger' | 'cloudElementsHealthTrigger';
	parameters: IDataObject;
	credentials: Record<string, IDataObject>;
}): Promise<TriggerWorkflow>;

/** What nodes logged through n8n's logger in the current test, one line each (`warn: message {metadata}`). */
export function useLogCapture(): { lines: string[] };
