import type { FakeCloudElements } from '../fake-api/server';

export interface Answer {
	status: number;
	nextPage: string | null;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- whatever the fake answered
	body: any;
}

export function call(fake: FakeCloudElements, path: string, init?: { method?: string; body?: unknown }): Promise<Answer>;
