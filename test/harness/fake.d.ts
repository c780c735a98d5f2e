import type { FakeCloudElements } from '../fake-api/server';

/** `handle.fake` is set once the file's tests start. */
export function useFakeCloudElements(options?: Parameters<typeof import('../fake-api/server').startFakeCloudElements>[0]): {
	fake: FakeCloudElements;
};
