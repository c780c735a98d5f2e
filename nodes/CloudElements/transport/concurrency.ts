import type { Outcome } from './send';

/** What one try told about Cloud Elements' load. */
export type TrySignal = 'answered' | 'overloaded' | 'other';

/** Statuses that say Cloud Elements (or its gateway) is over capacity: rate limited, unavailable, timed out. */
const OVERLOAD_STATUSES = [429, 503, 504];

/** Told of every try a client sends, when it leaves and how it ended. */
export interface TryObserver {
	/**
	 * Resolves, once the try may go out and `ready` (e.g. a shared pause) has
	 * resolved, to what `tryEnded` is handed back: when it started.
	 */
	tryStarted(ready?: () => Promise<void>): Promise<number>;
	/**
	 * `kind` names what was asked (e.g. `POST /instances`): latency is judged
	 * per kind. Without an outcome (the try threw), only its place is given back.
	 */
	tryEnded(startedAt: number, kind: string, outcome?: Outcome): void;
}

export function trySignal(outcome: Outcome | undefined): TrySignal {
	if (outcome === undefined) return 'other';
	if (!('failure' in outcome)) return 'answered';
	const { failure } = outcome;
	return failure.timedOut || OVERLOAD_STATUSES.includes(failure.status ?? 0) ? 'overloaded' : 'other';
}

/** How many items may be in flight; fixed, or learned from the tries' latency and overload answers. */
export interface LimitPolicy {
	readonly limit: number;
	/** A try of the execution ended; `saturated` says the executor had `limit` items in flight while it ran. */
	record(sample: TrySample): void;
}

interface TrySample {
	startedAt: number;
	endedAt: number;
	signal: TrySignal;
	saturated: boolean;
	/** What was asked; a lookup and a create differ in latency without any queue. Default: one kind. */
	kind?: string;
}

export function fixedLimit(limit: number): LimitPolicy {
	return { limit, record: () => undefined };
}

interface AdaptiveLimitOptions {
	initial: number;
	max: number;
	/** Latency up to this many times its floor counts as "near the floor": no queue worth cutting for. */
	tolerance?: number;
	/** Called whenever the limit changes, with why. */
	onChange?: (limit: number, reason: string) => void;
}

/** Samples a window needs at least, however low the limit, so one slow answer does not decide. */
const MIN_WINDOW_SAMPLES = 4;
const DEFAULT_TOLERANCE = 1.5;
/** The most one latency window may cut the limit by; an overload answer halves it. */
const LARGEST_CUT = 0.5;

/**
 * An adaptive concurrency limit in the spirit of TCP congestion control and
 * Netflix's gradient limit. Latency is judged per window of about one round
 * trip (as many answered tries as the limit, started after the window began):
 *
 * - the window's mean latency over the lowest window mean seen (the floor) is
 *   the gradient: requests beyond the service's capacity only queue, and queueing
 *   shows as latency in proportion. Each kind of request (a fast name lookup, a
 *   slow create) has its own floor, and the gradient is the window's time over
 *   its tries' time at their kind's floor: a run that mixes them is not taken
 *   for a queue;
 * - near the floor (≤ tolerance), with the limit in use, the limit grows: doubling
 *   until the first sign of a queue (slow start), then by one per window;
 * - above it, the limit is scaled by tolerance / gradient (at most halved);
 * - a 429, 503, 504 or timeout halves it at once, once for all the tries sent
 *   before the cut.
 */
export class AdaptiveLimit implements LimitPolicy {
	limit: number;
	private readonly max: number;
	private readonly tolerance: number;
	private readonly onChange: (limit: number, reason: string) => void;
	/** The lowest window mean of each kind of request. */
	private readonly floorsMs = new Map<string, number>();
	private slowStart = true;
	private lastCutAt = -Infinity;
	private window = newWindow(-Infinity);

	constructor(options: AdaptiveLimitOptions) {
		this.max = options.max;
		this.limit = Math.min(options.initial, this.max);
		this.tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
		this.onChange = options.onChange ?? (() => undefined);
	}

	record({ startedAt, endedAt, signal, saturated, kind = '' }: TrySample): void {
		if (signal === 'overloaded') {
			// Tries sent before the last cut were sent at the old limit: their answers are old news.
			if (startedAt < this.lastCutAt) return;
			this.slowStart = false;
			this.lastCutAt = endedAt;
			this.change(this.limit * LARGEST_CUT, endedAt, 'Cloud Elements answered it is over capacity');
			return;
		}
		if (signal !== 'answered' || startedAt < this.window.startedAt) return;
		const window = this.window;
		window.samples++;
		const ofKind = window.kinds.get(kind) ?? { samples: 0, totalMs: 0 };
		ofKind.samples++;
		ofKind.totalMs += endedAt - startedAt;
		window.kinds.set(kind, ofKind);
		window.saturated ||= saturated;
		if (window.samples < Math.max(this.limit, MIN_WINDOW_SAMPLES)) return;

		const gradient = this.gradientOf(window);
		const reason = `latency ${gradient.toFixed(2)}× its floor`;
		if (gradient > this.tolerance) {
			this.slowStart = false;
			this.change(this.limit * Math.max(this.tolerance / gradient, LARGEST_CUT), endedAt, reason);
		} else if (window.saturated) {
			this.change(this.slowStart ? this.limit * 2 : this.limit + 1, endedAt, reason);
		} else {
			this.window = newWindow(endedAt);
		}
	}

	/**
	 * The window's tries' time over what they would have taken at their kind's
	 * floor, each kind's floor lowered to its mean here if lower. Weighed by
	 * time, not by try: a queue delays every kind by the same milliseconds, and
	 * a fast lookup's few milliseconds of jitter, many times its floor, are none.
	 */
	private gradientOf(window: LatencyWindow): number {
		let totalMs = 0;
		let atFloorsMs = 0;
		for (const [kind, ofKind] of window.kinds) {
			const meanMs = ofKind.totalMs / ofKind.samples;
			const floorMs = Math.min(this.floorsMs.get(kind) ?? Infinity, meanMs);
			this.floorsMs.set(kind, floorMs);
			totalMs += ofKind.totalMs;
			atFloorsMs += floorMs * ofKind.samples;
		}
		return totalMs / atFloorsMs;
	}

	private change(limit: number, at: number, reason: string): void {
		const next = Math.min(Math.max(Math.floor(limit), 1), this.max);
		this.window = newWindow(at);
		if (next === this.limit) return;
		this.limit = next;
		this.onChange(next, reason);
	}
}

interface LatencyWindow {
	/** Tries started before this belong to an earlier window. */
	startedAt: number;
	samples: number;
	saturated: boolean;
	kinds: Map<string, { samples: number; totalMs: number }>;
}

function newWindow(startedAt: number): LatencyWindow {
	return { startedAt, samples: 0, saturated: false, kinds: new Map() };
}

/** Places taken up to a limit that may change; a place given back goes to the longest waiting. */
class Places {
	taken = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(private readonly limit: () => number) {}

	async take(): Promise<void> {
		if (this.taken < this.limit()) {
			this.taken++;
			return;
		}
		// `giveBack()` hands its place over, counted before the waiter resumes.
		await new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	giveBack(): void {
		this.taken--;
		while (this.waiting.length > 0 && this.taken < this.limit()) {
			this.taken++;
			this.waiting.shift()!();
		}
	}
}

/**
 * Lets items start while fewer than the policy's limit are in flight, and
 * each try of the execution's client go out while fewer than the limit are
 * out: after a cut, an item's retry waits until the tries in flight are
 * within the new limit. Feeds the policy how every try went.
 */
export class ConcurrencyLimiter implements TryObserver {
	private readonly items = new Places(() => this.policy.limit);
	private readonly tries = new Places(() => this.policy.limit);

	constructor(
		readonly policy: LimitPolicy,
		private readonly now: () => number = Date.now,
	) {}

	/** Resolves once one more item may start; pair with `release()`. */
	async acquire(): Promise<void> {
		await this.items.take();
	}

	release(): void {
		this.items.giveBack();
	}

	async tryStarted(ready?: () => Promise<void>): Promise<number> {
		await this.tries.take();
		let readied = false;
		try {
			// Waited for holding the place: a try let in later cannot overtake a shared pause.
			await ready?.();
			readied = true;
		} finally {
			if (!readied) this.tries.giveBack();
		}
		return this.now();
	}

	tryEnded(startedAt: number, kind: string, outcome?: Outcome): void {
		this.tries.giveBack();
		const saturated = this.items.taken >= this.policy.limit;
		this.policy.record({ startedAt, endedAt: this.now(), signal: trySignal(outcome), saturated, kind });
	}
}
