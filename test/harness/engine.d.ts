import type { IConnections, IDataObject, INode, INodeExecutionData, IRun, INodeType } from 'n8n-workflow';

export interface EngineError {
	name: string;
	message: string;
	description?: string | null;
	httpCode?: string | null;
	context: IDataObject & { itemIndex?: number };
}

export interface WorkflowResult {
	run: IRun;
	status: IRun['status'];
	error: EngineError;
	/** The output of the node's last run. */
	output(nodeName: string): INodeExecutionData[];
	/** Runs the execution again as n8n's executions list "Retry" does: mode `retry`, a new execution ID, the saved run data. */
	retry(): Promise<WorkflowResult>;
}

export interface LoadedPackage {
	packageName: string;
	nodeTypes: Record<string, { type: INodeType }>;
	credentialTypes: Record<string, { type: IDataObject }>;
}

export function loadPackage(): Promise<LoadedPackage>;
export function nodeTypeName(name: string): Promise<string>;
export function runWorkflow(options: {
	nodes: INode[];
	/** n8n's connections; by default each node feeds the next. */
	connections?: IConnections;
	credentials?: Record<string, IDataObject>;
	extraNodeTypes?: Record<string, unknown>;
}): Promise<WorkflowResult>;
/** Calls a node's editor look-up as n8n's editor back end does; resolves to what it returned. */
export function callNodeMethod(options: {
	type: string;
	kind: 'listSearch' | 'loadOptions' | 'resourceMapping';
	method: string;
	parameters: IDataObject;
	credentials: Record<string, IDataObject>;
	args?: unknown[];
}): Promise<unknown>;
export function testCredentials(
	typeName: string,
	data: IDataObject,
): Promise<{ ok: boolean; message?: string; description?: string; httpCode?: string }>;
export function shutdownEngine(): void;
export const INPUT_NODE_TYPE: string;
export const PACKAGE_ROOT: string;
