/** A request that got no usable answer: an HTTP error status, an answer that is not what was asked, or none at all. */
export interface Failure {
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Set when no HTTP answer came (refused, reset, timed out). */
	networkMessage?: string;
	/** No answer within the timeout. */
	timedOut?: boolean;
	/** What is wrong with a success status's body, e.g. "a body that is not JSON". */
	unexpected?: string;
	/**
	 * The request may have reached Cloud Elements and taken effect although
	 * its answer was lost: no answer after sending, a gateway error (502,
	 * 504, or a 5xx that is not Cloud Elements' own JSON error), or a success
	 * status without the answer asked for.
	 */
	maybeApplied: boolean;
}

interface CloudElementsErrorBody {
	message?: string;
	providerMessage?: string;
	requestId?: string;
}

/**
 * The user-facing text of a failure: Cloud Elements' own `message` with the
 * HTTP status, what to do about it, and the request ID support asks for.
 */
export function failureMessage(failure: Failure): {
	message: string;
	description: string;
	requestId?: string;
} {
	const body = parseErrorBody(failure.body);
	const requestId = body.requestId ?? failure.headers?.['elements-request-id'];
	const serviceMessage = body.message ?? body.providerMessage;
	const message = failure.unexpected
		? `Cloud Elements answered ${failure.status} with ${failure.unexpected}`
		: failure.status
			? `Cloud Elements answered ${failure.status}${serviceMessage ? `: ${serviceMessage}` : ''}`
			: `Could not reach Cloud Elements: ${failure.networkMessage ?? 'no response'}`;
	const details = [
		body.providerMessage && body.providerMessage !== serviceMessage
			? `Provider said: ${body.providerMessage}`
			: undefined,
		adviceFor(failure),
		requestId ? `Cloud Elements request ID: ${requestId}` : undefined,
	];
	return { message, description: details.filter(Boolean).join('. '), requestId };
}

/** Cloud Elements' own error answers are JSON objects with a `message`; a gateway's are not. */
export function isCloudElementsError(data: unknown): boolean {
	return parseErrorBody(data).message !== undefined;
}

function parseErrorBody(data: unknown): CloudElementsErrorBody {
	if (typeof data === 'string') {
		try {
			return parseErrorBody(JSON.parse(data));
		} catch {
			// Not JSON (an HTML error page from a proxy, say): the status must do.
			return {};
		}
	}
	if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
	const { message, providerMessage, requestId } = data as Record<string, unknown>;
	const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
	return { message: text(message), providerMessage: text(providerMessage), requestId: text(requestId) };
}

function adviceFor({ status, timedOut, unexpected }: Failure): string {
	if (timedOut) return 'Cloud Elements may still carry out the request: raise Timeout (Ms) in the options if it is often slow';
	if (unexpected) return 'Check that the Base URL in the credentials points at the Cloud Elements API, or try again later';
	if (status === undefined) return 'Check the environment or Base URL in the credentials and your network';
	if (status === 401) return 'Check the user secret and organization secret in the credentials (for an element API call: the instance token)';
	if (status === 400) return "Check the instance's configuration values";
	if (status === 404) return 'Check the element key or instance ID';
	// Reached only when every try was refused: the advice names the options that would have helped.
	if (status === 429) {
		return 'Cloud Elements kept limiting requests through every try: raise Max Tries or Wait Between Tries (Ms) in the options, set a lower Concurrency (or Max Concurrency (Auto)), or try again later';
	}
	if (status >= 500) return 'Cloud Elements or the provider had trouble: try again later';
	return 'Check the request parameters';
}
