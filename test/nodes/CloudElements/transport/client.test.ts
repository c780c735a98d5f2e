import { sleep, type IExecuteFunctions } from 'n8n-workflow';

import { createClient } from '../../../../nodes/CloudElements/transport';
import { ConcurrencyLimiter, fixedLimit } from '../../../../nodes/CloudElements/transport/concurrency';
import { defaultExecutionSettings } from '../../../../nodes/CloudElements/helpers/parameters';

/** Just what the client touches: the credentials, and n8n's request helper answering `answer`. */
function contextAnswering(answer: () => Promise<unknown>): IExecuteFunctions {
	return {
		getCredentials: async () => ({ environment: 'https://api.cloud-elements.com/elements/api-v2', userSecret: 'u', organizationSecret: 'o' }),
		helpers: { httpRequestWithAuthentication: answer },
	} as unknown as IExecuteFunctions;
}

describe('createClient with a concurrency limiter', () => {
	it('gives a try its place back when sending it throws, so the next try is not held forever', async () => {
		const limiter = new ConcurrencyLimiter(fixedLimit(1));
		const settings = { ...defaultExecutionSettings(), maxTries: 1 };
		// An answer the client cannot read (no response object at all) makes the send throw.
		const client = createClient(contextAnswering(async () => undefined), settings, limiter);
		// That error itself, not one thrown while giving the place back.
		await expect(client.request(0, { method: 'GET', path: '/instances' })).rejects.toThrow("reading 'headers'");

		let entered = false;
		void limiter.tryStarted().then(() => (entered = true));
		await sleep(0);
		expect(entered).toBe(true);
	});
});
