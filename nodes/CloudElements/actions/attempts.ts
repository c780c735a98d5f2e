import type { IContextObject, IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** What provisioning did for an item, as its output's `provisionAction` says. */
export type ProvisionAction = 'created' | 'existing' | 'replaced' | 'updated';

/** What an earlier attempt of the same node run did for one item it provisioned. */
export type ProvisionAttempt =
	/** It output this instance. */
	| { id: string; action: ProvisionAction }
	/** It sent a create carrying this marker tag and got no instance back: refused, or its answer lost. */
	| { marker: string; action: ProvisionAction };

/** What an earlier attempt did for one item's element API write. */
export type WriteAttempt =
	/** It was answered: the output it gave. */
	| { answered: IDataObject | IDataObject[] }
	/** It (this method) lost its answer: the provider may have carried it out. */
	| { lost: string };

export type Attempt = ProvisionAttempt | WriteAttempt;

/** Where in the node's execution context the record lives, per run index (a node in a loop runs several times). */
const CONTEXT_KEY = 'provisionAttempts';

type AttemptsByRun = IDataObject & { [runIndex: string]: { [itemIndex: string]: Attempt } };

/**
 * What each item of this node run did, for the attempts that may follow.
 * n8n runs a failed node again with the same items and tells it nothing:
 * Retry On Fail calls `execute()` again in the same execution, and retrying
 * a failed execution (executions list) runs the node again, under a new
 * execution ID, with the run data the failure left. The node's execution
 * context (`getContext('node')`) is part of that run data: in memory for the
 * first, saved with the failed execution for the second. So each item's
 * outcome is written there as it happens, and a later attempt takes over
 * what an earlier one did instead of doing it again.
 */
export class Attempts {
	private constructor(
		private readonly context: IContextObject,
		private readonly runIndex: string,
	) {}

	/** The record of the node run `ctx` executes; read once per execution. */
	static of(ctx: IExecuteFunctions): Attempts {
		return new Attempts(ctx.getContext('node'), String(ctx.getWorkflowDataProxy(0).$runIndex));
	}

	/** What an earlier attempt did for the item: of the kind its operation records, the same in every attempt (Operation takes no expression). */
	earlier<Kind extends Attempt>(itemIndex: number): Kind | undefined {
		return (this.context[CONTEXT_KEY] as AttemptsByRun | undefined)?.[this.runIndex]?.[itemIndex] as Kind | undefined;
	}

	record(itemIndex: number, attempt: Attempt): void {
		const runs = (this.context[CONTEXT_KEY] ??= {}) as AttemptsByRun;
		(runs[this.runIndex] ??= {})[itemIndex] = attempt;
	}

	/**
	 * The run is over: n8n retries a node no more once it has returned output
	 * whose first item is no error item, so the record would only weigh on the
	 * saved execution.
	 */
	end(): void {
		const runs = this.context[CONTEXT_KEY] as AttemptsByRun | undefined;
		if (!runs) return;
		delete runs[this.runIndex];
		if (Object.keys(runs).length === 0) delete this.context[CONTEXT_KEY];
	}
}
