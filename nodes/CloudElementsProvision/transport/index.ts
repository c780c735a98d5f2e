import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import type { TryObserver } from './concurrency';
import { connect, type Connection, type RequestContext } from './connection';
import { failureMessage, type Failure } from './errors';
import { redact } from './redact';
import { RetryPolicy, type RetrySettings } from './retry';
import { sendOnce, type Outcome } from './send';

export { CREDENTIAL_TYPE, type RequestContext } from './connection';
export type { Failure } from './errors';
export type { Outcome } from './send';

export interface CloudElementsRequest {
	method: IHttpRequestMethods;
	/** Path below the API root, e.g. `/instances`. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** Values this request carries that must never reach an error message. */
	secrets?: string[];
	/** What is wrong with a success answer's body, if anything: such an answer counts as lost. */
	checkBody?: (body: unknown) => string | undefined;
	/**
	 * Called when a try may have taken effect although its answer was lost; a
	 * value it returns is taken as the answer instead of sending the request
	 * again.
	 */
	recover?: () => Promise<unknown>;
}

export interface CloudElementsResponse<T> {
	body: T;
	headers: Record<string, string>;
}

export interface CloudElementsClient {
	/** The request with retries; resolves to the answer's body. */
	request<T = IDataObject>(itemIndex: number, request: CloudElementsRequest): Promise<T>;
	requestWithHeaders<T = IDataObject>(
		itemIndex: number,
		request: CloudElementsRequest,
	): Promise<CloudElementsResponse<T>>;
	/** One try, no retry, once any pause a 429 put on the execution is over. */
	tryOnce(request: CloudElementsRequest): Promise<Outcome>;
	/** The error a final failure is reported with, every secret redacted. */
	toError(itemIndex: number, failure: Failure, request: CloudElementsRequest): Promise<NodeApiError>;
	readonly retry: RetryPolicy;
	readonly settings: ClientSettings;
}

export interface ClientSettings extends RetrySettings {
	/** Milliseconds before a request without an answer is given up (and maybe retried). */
	timeoutMs: number;
	/** How long to keep looking for what a create whose answer was lost may have made. */
	lookWindowMs: number;
}

/**
 * One client per execution, shared by every item. Calls go through n8n's
 * `httpRequestWithAuthentication`, so the credential's Authorization header,
 * proxies and n8n's HTTP settings apply as in any n8n node. The client adds
 * retries with backoff, and one pause shared by all items when Cloud
 * Elements answers 429, so concurrent items back off together; `observer`
 * (the execution's concurrency limiter) hears how every try went.
 */
export function createClient(ctx: RequestContext, settings: ClientSettings, observer?: TryObserver): CloudElementsClient {
	const retry = new RetryPolicy(settings);
	// Credentials are read on the first call, inside an item, so a broken
	// credential fails each item where "On Error: Continue" can report it.
	let connection: Promise<Connection> | undefined;
	const connected = async () => await (connection ??= connect(ctx));

	async function tryOnce(request: CloudElementsRequest): Promise<Outcome> {
		const { baseUrl } = await connected();
		const options = httpOptions(baseUrl, request, settings.timeoutMs);
		const pause = async () => await retry.waitForPause();
		if (!observer) {
			await pause();
			return await sendOnce(ctx, options, request.checkBody);
		}
		const startedAt = await observer.tryStarted(pause);
		let outcome: Outcome | undefined;
		try {
			outcome = await sendOnce(ctx, options, request.checkBody);
			return outcome;
		} finally {
			// Also when the send threw: the place is given back, or the run would wait for it forever.
			observer.tryEnded(startedAt, kindOf(request), outcome);
		}
	}

	async function toError(itemIndex: number, failure: Failure, request: CloudElementsRequest): Promise<NodeApiError> {
		const { secrets } = await connected();
		return apiError(ctx, failure, itemIndex, [...secrets, ...(request.secrets ?? [])]);
	}

	async function requestWithHeaders<T>(
		itemIndex: number,
		request: CloudElementsRequest,
	): Promise<CloudElementsResponse<T>> {
		for (let attempt = 1; ; attempt++) {
			const outcome = await tryOnce(request);
			if (!('failure' in outcome)) return outcome as CloudElementsResponse<T>;
			const { failure } = outcome;
			const delay = retry.delayBeforeRetry(failure, attempt);
			if (failure.maybeApplied && request.recover) {
				// Give the lost try its time, then see whether it took effect: even with retries off.
				await sleep(delay ?? retry.backoff(1));
				const recovered = await request.recover();
				if (recovered !== undefined) return { body: recovered as T, headers: {} };
			} else if (delay !== undefined) {
				await sleep(delay);
			}
			if (delay === undefined) throw await toError(itemIndex, failure, request);
		}
	}

	return {
		tryOnce,
		toError,
		requestWithHeaders,
		retry,
		settings,
		async request<T>(itemIndex: number, request: CloudElementsRequest) {
			return (await requestWithHeaders<T>(itemIndex, request)).body;
		},
	};
}

/** What a request asks, its IDs left out: `GET /instances/{id}`. */
function kindOf(request: CloudElementsRequest): string {
	return `${request.method} ${request.path.replace(/\/\d+(?=\/|$)/g, '/{id}')}`;
}

function httpOptions(baseUrl: string, request: CloudElementsRequest, timeoutMs: number): IHttpRequestOptions {
	return {
		method: request.method,
		baseURL: baseUrl,
		url: request.path,
		body: request.body,
		qs: request.qs,
		json: true,
		// Cloud Elements reads `tags[]=a&tags[]=b`; n8n's default would send `tags[][0]=a`, which it ignores.
		arrayFormat: 'repeat',
		timeout: timeoutMs,
		// Statuses are judged here, with the headers (Retry-After, request ID) at hand.
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
}

function apiError(ctx: RequestContext, failure: Failure, itemIndex: number, secrets: string[]): NodeApiError {
	const { message, description, requestId } = failureMessage(failure);
	const httpCode = failure.status ? String(failure.status) : undefined;
	const cleaned: JsonObject = { message: redact(message, secrets), httpCode: httpCode ?? null };
	if (requestId) cleaned.requestId = requestId;
	return new NodeApiError(ctx.getNode(), cleaned, {
		message: redact(message, secrets),
		description: redact(description, secrets),
		httpCode,
		itemIndex,
	});
}
