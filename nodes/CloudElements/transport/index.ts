import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { ELEMENT_AUTHORIZATION_PREFIX } from '../../../credentials/authorization';
import { secretsIn } from '../helpers/secrets';
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
	/** Secret values the request carries outside its body (a query's client secret); the body's are found by the secret rule. */
	secrets?: string[];
	/** Configuration keys the element's metadata marks as secrets, for the body's. */
	secretKeys?: ReadonlySet<string>;
	/** What is wrong with a success answer's body, if anything: such an answer counts as lost. */
	checkBody?: (body: unknown) => string | undefined;
	/** For a request that may take effect although its answer is lost (a create, a delete): how to find out whether it did. */
	recovery?: Recovery;
	/**
	 * A call of an instance's element API: the credential sends `User <user
	 * secret>, Element <token>` instead of the organization secret, and the
	 * token is kept out of errors as the credential's secrets are.
	 */
	elementToken?: string;
	/**
	 * Set for a request that is not safe to send twice and has no recovery
	 * (an element API's POST): a lost answer ends the tries instead of sending
	 * it again, the error adds `advice`, and `noteLoss` hears of it.
	 */
	finalOnLoss?: { advice: string; noteLoss(): void };
	/** The answer may be text (an element API's CSV, say), taken as it is rather than as a lost answer. */
	textAnswer?: true;
}

/** How to find what a request whose answer was lost did, instead of sending it again blindly. */
export interface Recovery {
	/** Looks once whether a lost try took effect: the answer to go on with, or undefined. */
	look(): Promise<unknown>;
	/** How long to keep looking after a lost answer before sending again. */
	windowMs: number;
	/** An earlier attempt of the node sent this request and got no answer: it may yet take effect. */
	lostBefore: boolean;
	/** The answer to go on with after a success that followed a lost try (a create keeps the first of two). */
	afterLoss?(answer: unknown): Promise<unknown>;
	/** What the user can check where a lost try was not found (added to the error), and where looking failed. */
	advice?: { notFound: string; lookFailed(message: string): string };
}

export interface CloudElementsResponse<T> {
	body: T;
	headers: Record<string, string>;
}

export interface ClientSettings extends RetrySettings {
	/** Milliseconds before a request without an answer is given up (and maybe retried). */
	timeoutMs: number;
	/** How long to keep looking for what a create whose answer was lost may have made. */
	lookWindowMs: number;
}

/** Lookups for a lost answer start this far apart (at least) and back off to at most the second. */
const LOOK_INTERVAL_MS = { min: 100, max: 5_000 };

/**
 * One client per execution, shared by every item. Calls go through n8n's
 * `httpRequestWithAuthentication`, so the credential's Authorization header,
 * proxies and n8n's HTTP settings apply as in any n8n node. The client is the
 * one place that retries: with backoff, with one pause shared by all items
 * when Cloud Elements answers 429 (so concurrent items back off together),
 * and, for a request that may have taken effect although its answer was
 * lost, by looking for what it did first (its `recovery`). `observer` (the
 * execution's concurrency limiter) hears how every try went.
 */
export class CloudElementsClient {
	private readonly retry: RetryPolicy;
	private connection?: Promise<Connection>;

	constructor(
		private readonly ctx: RequestContext,
		readonly settings: ClientSettings,
		private readonly observer?: TryObserver,
	) {
		this.retry = new RetryPolicy(settings);
	}

	/** The request with retries; resolves to the answer's body. */
	async request<T = IDataObject>(itemIndex: number, request: CloudElementsRequest): Promise<T> {
		return (await this.requestWithHeaders<T>(itemIndex, request)).body;
	}

	async requestWithHeaders<T = IDataObject>(itemIndex: number, request: CloudElementsRequest): Promise<CloudElementsResponse<T>> {
		const { recovery } = request;
		let lost = recovery?.lostBefore ?? false;
		for (let attempt = 1; ; attempt++) {
			const outcome = await this.tryOnce(request);
			if (!('failure' in outcome)) {
				const body = lost && recovery?.afterLoss ? await recovery.afterLoss(outcome.body) : outcome.body;
				return { body: body as T, headers: outcome.headers };
			}
			const { failure } = outcome;
			const finalLoss = failure.maybeApplied && request.finalOnLoss !== undefined;
			const delay = finalLoss ? undefined : this.retry.delayBeforeRetry(failure, attempt);
			// A lost answer gets the look window instead of the wait; after a clear failure that ends
			// the tries, one look still catches an earlier lost try carried out meanwhile.
			if (recovery && (failure.maybeApplied || (lost && delay === undefined))) {
				const found = await this.lookFor(itemIndex, request, failure, failure.maybeApplied ? recovery.windowMs : 0);
				if (found !== undefined) return { body: found as T, headers: {} };
				lost ||= failure.maybeApplied;
			} else if (delay !== undefined) {
				await sleep(delay);
			}
			if (finalLoss) request.finalOnLoss!.noteLoss();
			if (delay === undefined) {
				const advice = finalLoss ? request.finalOnLoss!.advice : lost ? recovery?.advice?.notFound : undefined;
				throw await this.toError(itemIndex, failure, request, advice);
			}
		}
	}

	/** Looks for what a lost try did at once and then, backing off, until `windowMs` has passed. */
	private async lookFor(itemIndex: number, request: CloudElementsRequest, failure: Failure, windowMs: number): Promise<unknown> {
		const { recovery } = request;
		const deadline = Date.now() + windowMs;
		let interval = Math.max(this.retry.backoff(1), LOOK_INTERVAL_MS.min);
		for (;;) {
			let found: unknown;
			try {
				found = await recovery!.look();
			} catch (lookupError) {
				throw await this.toError(itemIndex, failure, request, recovery!.advice?.lookFailed(lookupError.message));
			}
			const left = deadline - Date.now();
			if (found !== undefined || left <= 0) return found;
			await sleep(Math.min(interval, left));
			interval = Math.min(interval * 2, LOOK_INTERVAL_MS.max);
		}
	}

	/** One try, no retry, once any pause a 429 put on the execution is over. */
	private async tryOnce(request: CloudElementsRequest): Promise<Outcome> {
		const { baseUrl } = await this.connected();
		const options = httpOptions(baseUrl, request, this.settings.timeoutMs);
		const pause = async () => await this.retry.waitForPause();
		if (!this.observer) {
			await pause();
			return await sendOnce(this.ctx, options, request);
		}
		const startedAt = await this.observer.tryStarted(pause);
		let outcome: Outcome | undefined;
		try {
			outcome = await sendOnce(this.ctx, options, request);
			return outcome;
		} finally {
			// Also when the send threw: the place is given back, or the run would wait for it forever.
			this.observer.tryEnded(startedAt, kindOf(request), outcome);
		}
	}

	/** The error a final failure is reported with, every secret redacted; `advice` is added to its description. */
	private async toError(itemIndex: number, failure: Failure, request: CloudElementsRequest, advice?: string): Promise<NodeApiError> {
		const { secrets } = await this.connected();
		const { message, description, requestId } = failureMessage(failure);
		const all = [
			...secrets,
			...(request.secrets ?? []),
			...(request.elementToken !== undefined ? [request.elementToken] : []),
			...secretsIn(request.body, request.secretKeys),
		];
		const httpCode = failure.status ? String(failure.status) : undefined;
		const cleaned: JsonObject = { message: redact(message, all), httpCode: httpCode ?? null };
		if (requestId) cleaned.requestId = requestId;
		return new NodeApiError(this.ctx.getNode(), cleaned, {
			message: redact(message, all),
			description: redact([description, advice].filter(Boolean).join('. '), all),
			httpCode,
			itemIndex,
		});
	}

	// Credentials are read on the first call, inside an item, so a broken
	// credential fails each item where "On Error: Continue" can report it.
	private async connected(): Promise<Connection> {
		return await (this.connection ??= connect(this.ctx));
	}
}

export function createClient(ctx: RequestContext, settings: ClientSettings, observer?: TryObserver): CloudElementsClient {
	return new CloudElementsClient(ctx, settings, observer);
}

/** What a request asks, its IDs left out: `GET /instances/{id}`. */
function kindOf(request: CloudElementsRequest): string {
	return `${request.method} ${request.path.replace(/\/\d+(?=\/|$)/g, '/{id}')}`;
}

function httpOptions(baseUrl: string, request: CloudElementsRequest, timeoutMs: number): IHttpRequestOptions {
	return {
		method: request.method,
		// The credential completes this to `User <user secret>, Element <token>`.
		...(request.elementToken !== undefined && { headers: { Authorization: `${ELEMENT_AUTHORIZATION_PREFIX}${request.elementToken}` } }),
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
		// n8n would follow a redirect to any host with the credential's header: the secrets go to the API root only.
		disableFollowRedirect: true,
	};
}
