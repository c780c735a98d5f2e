import type { IConnections, IDataObject, INode } from 'n8n-workflow';

export function exampleWorkflow(file: string): { nodes: INode[]; connections: IConnections };
export function codeNodeItems(workflow: { nodes: INode[] }, nodeName: string): IDataObject[];
