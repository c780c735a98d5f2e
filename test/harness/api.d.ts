import type { FakeCloudElements } from '../fake-api/server';

export interface Answer {
	status: number;
	nextPage: string | null;
	headers: Headers;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- whatever the fake answered
	body: any;
}

export function call(fake: FakeCloudElements, path: string, init?: { method?: string; body?: unknown; authorization?: string }): Promise<Answer>;

/** A redirect (`location`, its query as `params`), or the page shown instead (`page`). */
export interface Consent {
	status: number;
	location?: string;
	params?: Record<string, string>;
	page?: string;
}

export function consent(oauthUrl: string, decision?: 'allow' | 'deny'): Promise<Consent>;

export const OAUTH_APP: { apiKey: string; apiSecret: string; callbackUrl: string };
export const OAUTH_APP_CONFIGURATION: Record<string, string>;
export function authorize(fake: FakeCloudElements, elementKey: string, params?: Record<string, string>): Promise<Record<string, string>>;
