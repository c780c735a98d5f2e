import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { CREDENTIAL_TYPE, type RequestContext } from './connection';
import type { CloudElementsRequest } from './index';
import { isCloudElementsError, type Failure } from './errors';

/** Codes n8n's HTTP helper gives a request that got no answer within its timeout. */
const TIMEOUT_CODES = ['ECONNABORTED', 'ETIMEDOUT'];
/** Codes of a request that never left this machine: it cannot have taken effect. */
const NOT_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

export type Outcome = { body: unknown; headers: Record<string, string> } | { failure: Failure };

/**
 * One try of a request through n8n's `httpRequestWithAuthentication`, its
 * result sorted into an answer or a failure that says whether the request
 * may have taken effect. `checkBody` names what is wrong with a success
 * status's body, if anything; text is an answer only where `textAnswer` says so.
 */
export async function sendOnce(
	ctx: RequestContext,
	options: IHttpRequestOptions,
	{ checkBody, textAnswer }: Pick<CloudElementsRequest, 'checkBody' | 'textAnswer'> = {},
): Promise<Outcome> {
	let response: IN8nHttpFullResponse;
	try {
		response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, options)) as IN8nHttpFullResponse;
	} catch (error) {
		return { failure: noAnswer(error, options.timeout) };
	}
	const headers = response.headers as Record<string, string>;
	const { statusCode: status, body } = response;
	// Redirects are not followed (httpOptions): one answered is a refusal, not an answer to go on with.
	if (status >= 300 && status < 400) {
		return { failure: { status, headers, unexpected: `a redirect to ${headers.location ?? 'another address'}, not followed`, maybeApplied: false } };
	}
	if (status >= 400) {
		const gatewayError = status === 502 || status === 504 || (status >= 500 && !isCloudElementsError(body));
		return { failure: { status, body, headers, maybeApplied: gatewayError } };
	}
	// Text where JSON was asked for (a proxy's page, a cut-off answer) is no answer to go on.
	const unexpected = !textAnswer && typeof body === 'string' && body.trim() !== '' ? 'a body that is not JSON' : checkBody?.(body);
	if (unexpected) return { failure: { status, headers, unexpected, maybeApplied: true } };
	return { body, headers };
}

/**
 * No HTTP answer at all: refused, reset, timed out. n8n's helper keeps the
 * request (with its secrets) on this error, so only its text goes on.
 */
function noAnswer(error: { httpCode?: string; cause?: { code?: string }; message?: string }, timeout?: number): Failure {
	const code = error.httpCode ?? error.cause?.code ?? '';
	if (TIMEOUT_CODES.includes(code)) {
		return { networkMessage: `no answer within ${timeout} ms`, timedOut: true, maybeApplied: true };
	}
	return { networkMessage: String(error.message), maybeApplied: !NOT_SENT_CODES.includes(code) };
}
