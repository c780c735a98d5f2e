import type { ConfigField } from './types';

/**
 * Configuration entries every element accepts ("Instance Configuration" in
 * Cloud Elements' docs). They go into the same `configuration` map as the
 * element's own entries.
 */
export const commonConfiguration: ConfigField[] = [
	{
		displayName: 'Events Enabled',
		name: 'eventsEnabled',
		key: 'event.notification.enabled',
		type: 'boolean',
		default: false,
		description: 'Whether Cloud Elements should receive events (webhooks or polling) for this instance',
	},
	{
		displayName: 'Event Notification Callback URL',
		name: 'eventCallbackUrl',
		key: 'event.notification.callback.url',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/webhook/cloud-elements',
		description: 'HTTP or HTTPS URL Cloud Elements posts events to',
	},
	{
		displayName: 'Polling Interval (Minutes)',
		name: 'pollingInterval',
		key: 'event.poller.refresh_interval',
		type: 'number',
		default: 15,
		description: 'How often the poller checks for changes, for elements that poll',
	},
	{
		displayName: 'Callback Signature Key',
		name: 'signatureKey',
		key: 'event.notification.signature.key',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'Key Cloud Elements signs event callbacks with, so you can check they were not tampered with',
	},
	{
		displayName: 'Filter Null Values',
		name: 'filterNulls',
		key: 'filter.response.nulls',
		type: 'boolean',
		default: true,
		description: 'Whether Cloud Elements removes null values from the JSON of API responses',
	},
];
