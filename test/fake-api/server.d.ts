import type { IDataObject } from 'n8n-workflow';

export interface RecordedRequest {
	method: string;
	path: string;
	/** A repeated key (`tags[]=a&tags[]=b`) holds the list of its values. */
	query: Record<string, string | string[]>;
	headers: Record<string, string | undefined>;
	rawBody: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- whatever the node sent
	body: any;
	/** Date.now() when the request arrived. */
	at: number;
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
	/** Handle the request (e.g. create the instance), then answer with `status`/`rawBody`, or drop. */
	process?: boolean;
	/** Answer with `status`/`rawBody` (or drop), and handle the request this many ms later. */
	processAfterMs?: number;
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
	readonly peakInFlight: number;
	idle(): Promise<void>;
	inject(fault: Fault): void;
	/** Answer `GET /instances` without applying its `tags[]` filter, until the next reset. */
	ignoreTagFilter(): void;
	/** List instances without their tokens, until the next reset. */
	omitListTokens(): void;
	reset(): void;
	stop(): Promise<void>;
}

export function startFakeCloudElements(options?: {
	port?: number;
	userSecret?: string;
	organizationSecret?: string;
	latencyMs?: number;
	record?: boolean;
	maxPageSize?: number;
}): Promise<FakeCloudElements>;

export const API_ROOT: string;
