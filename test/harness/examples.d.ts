import type { IDataObject, INode } from 'n8n-workflow';

export function exampleWorkflow(file: string): { nodes: INode[] };
export function codeNodeItems(workflow: { nodes: INode[] }, nodeName: string): IDataObject[];
