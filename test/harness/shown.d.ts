import type { WorkflowResult } from './engine';

export function shownByNode(result: WorkflowResult): string;
export function leakedSecrets(text: string, secrets: string[]): string[];
export function reportTotals(title: string, totals: Record<string, number>): void;
