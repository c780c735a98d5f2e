export interface RecordedModelRequest {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- whatever the client sent
	body: any;
	rawBody: string;
}

export interface FakeModel {
	url: string;
	baseUrl: string;
	readonly requests: RecordedModelRequest[];
	reset(): void;
	stop(): Promise<void>;
}

export function startFakeModel(options?: {
	port?: number;
	toolName?: string;
	toolArguments?: Record<string, unknown>;
	model?: string;
}): Promise<FakeModel>;

export function fakeModelCredential(model: FakeModel): { id: string; name: string; type: string; data: Record<string, unknown> };
