import { authorize } from '../../../harness/api';
import type { FakeCloudElements } from '../../../fake-api/server';
import type { runProvision } from '../../../harness/provision';
import { leakedSecrets, shownByNode } from '../../../harness/shown';

/** The one-off tag that lets a retried create find an instance whose answer was lost. */
export const marker = expect.stringMatching(/^n8n-provision:[0-9a-f-]{36}$/);

/**
 * The run created one instance of `elementKey` and output it with its id and
 * token, and none of `secrets` shows in anything the node put before the user.
 */
export function expectProvisioned(
	fake: FakeCloudElements,
	result: Awaited<ReturnType<typeof runProvision>>,
	elementKey: string,
	secrets: string[],
): void {
	expect(result.status).toBe('success');
	expect(fake.instances).toHaveLength(1);
	const [created] = fake.instances;
	expect(result.items).toHaveLength(1);
	expect(result.items[0].json).toMatchObject({
		id: created.id,
		token: created.token,
		element: { key: elementKey },
		provisionAction: 'created',
	});
	expect(leakedSecrets(shownByNode(result), secrets)).toEqual([]);
}

/**
 * The customer's consent at the fake provider for this app, as the callback
 * receives it: its query (`code`, `state`, extras). The set-up requests are
 * not what the tests look at.
 */
export async function authorized(
	fake: FakeCloudElements,
	elementKey: string,
	app: { clientId: string; clientSecret: string; callbackUrl: string },
	extras: Record<string, string> = {},
): Promise<Record<string, string>> {
	const params = { apiKey: app.clientId, apiSecret: app.clientSecret, callbackUrl: app.callbackUrl, ...extras };
	const query = await authorize(fake, elementKey, params);
	fake.requests.length = 0;
	return query;
}
