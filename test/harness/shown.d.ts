import type { WorkflowResult } from './engine';

export function shownByNode(result: WorkflowResult): string;
export function leakedSecrets(text: string, secrets: string[]): string[];
