import type { IDataObject } from 'n8n-workflow';

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | undefined>;
	rawBody: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- whatever the node sent
	body: any;
}

export interface Fault {
	method?: string;
	path?: string;
	when?: (request: RecordedRequest) => boolean;
	status?: number;
	body?: IDataObject;
	headers?: Record<string, string>;
	rawBody?: string;
	contentType?: string;
	delayMs?: number;
	drop?: 'before' | 'after';
	times?: number;
}

export interface FakeCloudElements {
	url: string;
	port: number;
	userSecret: string;
	organizationSecret: string;
	readonly requests: RecordedRequest[];
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- instance JSON as the API presents it
	readonly instances: any[];
	inject(fault: Fault): void;
	reset(): void;
	stop(): Promise<void>;
}

export function startFakeCloudElements(options?: {
	port?: number;
	userSecret?: string;
	organizationSecret?: string;
	latencyMs?: number;
	record?: boolean;
}): Promise<FakeCloudElements>;

export const API_ROOT: string;
