import { sleep } from 'n8n-workflow';

import type { Failure } from './errors';

export interface RetrySettings {
	/** Tries in all, the first included; 1 turns retries off. */
	maxTries: number;
	/** Wait before the first retry; each further one waits twice as long. */
	retryWaitMs: number;
}

/** Statuses that say "not now" rather than "not this": rate limited, or a gateway in trouble. */
const RETRYABLE_STATUSES = [429, 502, 503, 504];
const MAX_WAIT_MS = 60_000;

/**
 * Decides whether and when to retry, and holds the pause that a 429 puts on
 * every request of the execution (concurrent items included).
 */
export class RetryPolicy {
	private pausedUntil = 0;

	constructor(private readonly settings: RetrySettings) {}

	/** Milliseconds to wait before the next try, or undefined when the failure is final. */
	delayBeforeRetry(failure: Failure, attempt: number): number | undefined {
		if (!isRetryable(failure) || attempt >= this.settings.maxTries) return undefined;
		const backoff = this.backoff(attempt);
		if (failure.status !== 429) return backoff;
		const wait = retryAfterMs(failure.headers?.['retry-after']) ?? backoff;
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + wait);
		return wait;
	}

	/** The exponential wait after try `attempt`. */
	backoff(attempt: number): number {
		return Math.min(this.settings.retryWaitMs * 2 ** (attempt - 1), MAX_WAIT_MS);
	}

	async waitForPause(): Promise<void> {
		const wait = this.pausedUntil - Date.now();
		if (wait > 0) await sleep(wait);
	}
}

function isRetryable(failure: Failure): boolean {
	return failure.networkMessage !== undefined || failure.maybeApplied || RETRYABLE_STATUSES.includes(failure.status ?? 0);
}

/** `Retry-After` in seconds or as an HTTP date, capped so a node never waits for minutes. */
function retryAfterMs(header: string | undefined): number | undefined {
	if (header === undefined || header.trim() === '') return undefined;
	const seconds = Number(header);
	const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
	return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_WAIT_MS) : undefined;
}
