import type { IDataObject } from 'n8n-workflow';

import type { FakeCloudElements } from '../fake-api/server';

export const CONFIGURATIONS: Record<'pardot' | 'autopilot', Record<string, string>>;

export function createInstances(
	fake: FakeCloudElements,
	specs: Array<{ element?: 'pardot' | 'autopilot' | 'mailchimp' | 'hubspot'; name: string; tags?: string[]; configuration?: Record<string, string> }>,
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- instance JSON as the API presents it
): Promise<Array<IDataObject & { id: number; token: string; name: string; tags: string[]; configuration: any }>>;
