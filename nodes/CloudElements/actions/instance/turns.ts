/**
 * Items of one execution that must not run side by side take turns: two
 * items provisioning the same name (where the policy looks for it) or the
 * same idempotency key, since the second must see what the first created.
 */
export class Turns {
	private readonly queues = new Map<string, Promise<unknown>>();

	/** Runs `task` once every task started earlier with any of `keys` has settled. */
	async take<T>(keys: string[], task: () => Promise<T>): Promise<T> {
		const [key, ...others] = keys;
		if (key === undefined) return await task();
		const run = (this.queues.get(key) ?? Promise.resolve()).then(async () => await this.take(others, task));
		this.queues.set(key, run.catch(() => undefined));
		return await run;
	}
}
