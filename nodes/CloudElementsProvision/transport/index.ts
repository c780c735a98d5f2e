import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'cloudElementsApi';

const CUSTOM_ENVIRONMENT = 'custom';

export interface CloudElementsRequest {
	method: IHttpRequestMethods;
	/** Path below the API root, e.g. `/instances`. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** Values this request carries that must never reach an error message. */
	secrets?: string[];
}

export interface CloudElementsClient {
	request<T = IDataObject>(itemIndex: number, request: CloudElementsRequest): Promise<T>;
}

/**
 * One client per execution: the credentials are read once, and every call
 * goes through n8n's `httpRequestWithAuthentication`, so the credential's
 * Authorization header, proxies and timeouts apply as in any n8n node.
 * Reading the credentials lazily puts a credentials problem on each item,
 * where "On Error: Continue" can report it.
 */
export function createClient(ctx: IExecuteFunctions): CloudElementsClient {
	let connection: Promise<{ baseUrl: string; secrets: string[] }> | undefined;
	const connect = async () => {
		const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
		return {
			baseUrl: apiBaseUrl(ctx, credentials),
			secrets: [credentials.userSecret, credentials.organizationSecret].map(String),
		};
	};

	return {
		async request<T>(itemIndex: number, request: CloudElementsRequest): Promise<T> {
			connection ??= connect();
			const { baseUrl, secrets } = await connection;
			const options: IHttpRequestOptions = {
				method: request.method,
				baseURL: baseUrl,
				url: request.path,
				body: request.body,
				qs: request.qs,
				json: true,
			};
			try {
				return (await ctx.helpers.httpRequestWithAuthentication.call(
					ctx,
					CREDENTIAL_TYPE,
					options,
				)) as T;
			} catch (error) {
				throw toApiError(ctx, error, itemIndex, [...secrets, ...(request.secrets ?? [])]);
			}
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

/** What n8n's helper leaves on its error; where the body sits differs between n8n versions. */
interface HelperError {
	message?: string;
	httpCode?: string | null;
	context?: { data?: unknown };
	cause?: { response?: { status?: number; data?: unknown } };
}

/**
 * Rebuilds the error from the response alone. The error n8n's helper throws
 * may keep the request (headers and body, so both secrets and the provider's
 * password); none of that may travel on.
 */
function toApiError(
	ctx: IExecuteFunctions,
	error: HelperError,
	itemIndex: number,
	secrets: string[],
): NodeApiError {
	const response = error.cause?.response;
	const status = Number(error.httpCode) || response?.status;
	const body = parseBody(error.context?.data ?? response?.data);
	const serviceMessage = body.message ?? body.providerMessage;
	const redact = (text: string) =>
		secrets.filter((s) => s.length > 0).reduce((out, s) => out.split(s).join('[redacted]'), text);

	const message = status
		? `Cloud Elements answered ${status}${serviceMessage ? `: ${serviceMessage}` : ''}`
		: `Could not reach Cloud Elements: ${error.message ?? 'no response'}`;
	const details = [
		body.providerMessage && body.providerMessage !== serviceMessage
			? `Provider said: ${body.providerMessage}`
			: undefined,
		adviceFor(status),
		body.requestId ? `Cloud Elements request ID: ${body.requestId}` : undefined,
	].filter(Boolean);

	const cleaned: JsonObject = { message: redact(message), httpCode: status ? String(status) : null };
	if (body.requestId) cleaned.requestId = body.requestId;
	return new NodeApiError(ctx.getNode(), cleaned, {
		message: redact(message),
		description: redact(details.join('. ')),
		httpCode: status ? String(status) : undefined,
		itemIndex,
	});
}

interface CloudElementsErrorBody {
	message?: string;
	providerMessage?: string;
	requestId?: string;
}

function parseBody(data: unknown): CloudElementsErrorBody {
	if (typeof data === 'string') {
		try {
			return parseBody(JSON.parse(data));
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

function adviceFor(status: number | undefined): string {
	if (status === undefined) return 'Check the environment or Base URL in the credentials and your network';
	if (status === 401) return 'Check the user secret and organization secret in the credentials';
	if (status === 400) return "Check the instance's configuration values";
	if (status === 404) return 'Check the element or instance ID';
	if (status === 429) return 'Cloud Elements is limiting requests: try again later';
	if (status >= 500) return 'Cloud Elements or the provider had trouble: try again later';
	return 'Check the request parameters';
}
