import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { failureMessage, type Failure } from './errors';
import { RetryPolicy, type RetrySettings } from './retry';

export const CREDENTIAL_TYPE = 'cloudElementsApi';

const CUSTOM_ENVIRONMENT = 'custom';

/** Codes n8n's HTTP helper gives a request that got no answer within its timeout. */
const TIMEOUT_CODES = ['ECONNABORTED', 'ETIMEDOUT'];

export interface CloudElementsRequest {
	method: IHttpRequestMethods;
	/** Path below the API root, e.g. `/instances`. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** Values this request carries that must never reach an error message. */
	secrets?: string[];
	/**
	 * Called before a retry when the previous try may have taken effect
	 * although its answer was lost; a value it returns is taken as the answer
	 * instead of sending the request again (no duplicate instance).
	 */
	recover?: () => Promise<unknown>;
}

export interface CloudElementsResponse<T> {
	body: T;
	headers: Record<string, string>;
}

export interface CloudElementsClient {
	request<T = IDataObject>(itemIndex: number, request: CloudElementsRequest): Promise<T>;
	requestWithHeaders<T = IDataObject>(
		itemIndex: number,
		request: CloudElementsRequest,
	): Promise<CloudElementsResponse<T>>;
}

export interface ClientSettings extends RetrySettings {
	/** Milliseconds before a request without an answer is given up (and maybe retried). */
	timeoutMs: number;
}

/**
 * One client per execution, shared by every item. Calls go through n8n's
 * `httpRequestWithAuthentication`, so the credential's Authorization header,
 * proxies and n8n's HTTP settings apply as in any n8n node. The client adds
 * retries with backoff, and one pause shared by all items when Cloud
 * Elements answers 429, so concurrent items back off together.
 */
export function createClient(ctx: IExecuteFunctions, settings: ClientSettings): CloudElementsClient {
	const retry = new RetryPolicy(settings);
	let connection: Promise<{ baseUrl: string; secrets: string[] }> | undefined;
	// Credentials are read on the first call, inside an item, so a broken
	// credential fails each item where "On Error: Continue" can report it.
	const connect = async () => {
		const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
		return {
			baseUrl: apiBaseUrl(ctx, credentials),
			secrets: [credentials.userSecret, credentials.organizationSecret].map(String),
		};
	};

	async function requestWithHeaders<T>(
		itemIndex: number,
		request: CloudElementsRequest,
	): Promise<CloudElementsResponse<T>> {
		connection ??= connect();
		const { baseUrl, secrets } = await connection;
		const options: IHttpRequestOptions = {
			method: request.method,
			baseURL: baseUrl,
			url: request.path,
			body: request.body,
			qs: request.qs,
			json: true,
			// Cloud Elements reads `tags[]=a&tags[]=b`; n8n's default would send `tags[][0]=a`, which it ignores.
			arrayFormat: 'repeat',
			timeout: settings.timeoutMs,
			// Statuses are judged here, with the headers (Retry-After, request ID) at hand.
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};
		// Set once a try timed out: Cloud Elements may still be carrying it out, so
		// sending it again could create a second instance; later tries only look.
		let stillRunning: { failure: Failure } | undefined;
		for (let attempt = 1; ; attempt++) {
			await retry.waitForPause();
			const outcome = stillRunning ?? (await send(options));
			if (!('failure' in outcome)) {
				return { body: outcome.body as T, headers: outcome.headers };
			}
			const { failure } = outcome;
			const delay = retry.delayBeforeRetry(failure, attempt);
			if (delay === undefined) {
				throw toApiError(ctx, failure, itemIndex, [...secrets, ...(request.secrets ?? [])]);
			}
			await sleep(delay);
			if (request.recover && failure.status !== 429) {
				const recovered = await request.recover();
				if (recovered !== undefined) return { body: recovered as T, headers: {} };
				if (failure.timedOut) stillRunning = { failure };
			}
		}
	}

	async function send(
		options: IHttpRequestOptions,
	): Promise<{ body: unknown; headers: Record<string, string> } | { failure: Failure }> {
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				CREDENTIAL_TYPE,
				options,
			)) as IN8nHttpFullResponse;
			const headers = response.headers as Record<string, string>;
			const { statusCode: status, body } = response;
			if (status >= 400) return { failure: { status, body, headers } };
			// Text where JSON was asked for (a proxy's page, a cut-off answer) is no answer to go on.
			if (typeof body === 'string' && body.trim() !== '') {
				return { failure: { status, body, headers, unreadable: true } };
			}
			return { body, headers };
		} catch (error) {
			// No HTTP answer at all: refused, reset, timed out. n8n's helper keeps
			// the request (with its secrets) on this error, so only its text goes on.
			if (TIMEOUT_CODES.includes(error.httpCode)) {
				return { failure: { networkMessage: `no answer within ${options.timeout} ms`, timedOut: true } };
			}
			return { failure: { networkMessage: String(error.message) } };
		}
	}

	return {
		requestWithHeaders,
		async request<T>(itemIndex: number, request: CloudElementsRequest) {
			return (await requestWithHeaders<T>(itemIndex, request)).body;
		},
	};
}

function apiBaseUrl(ctx: IExecuteFunctions, credentials: IDataObject): string {
	if (credentials.environment !== CUSTOM_ENVIRONMENT) return String(credentials.environment);
	const baseUrl = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
	if (!/^https?:\/\/[^\s/]+/i.test(baseUrl)) {
		throw new NodeOperationError(
			ctx.getNode(),
			'The Base URL in the Cloud Elements API credentials is not an http(s) URL',
			{
				description:
					'Open the credentials and set Base URL to the API root, e.g. https://api.cloud-elements.com/elements/api-v2',
			},
		);
	}
	return baseUrl;
}

function toApiError(
	ctx: IExecuteFunctions,
	failure: Failure,
	itemIndex: number,
	secrets: string[],
): NodeApiError {
	const redact = (text: string) =>
		secrets.filter((s) => s.length > 0).reduce((out, s) => out.split(s).join('[redacted]'), text);
	const { message, description, requestId } = failureMessage(failure);
	const httpCode = failure.status ? String(failure.status) : undefined;
	const cleaned: JsonObject = { message: redact(message), httpCode: httpCode ?? null };
	if (requestId) cleaned.requestId = requestId;
	return new NodeApiError(ctx.getNode(), cleaned, {
		message: redact(message),
		description: redact(description),
		httpCode,
		itemIndex,
	});
}
