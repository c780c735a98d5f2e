import type { IDataObject } from 'n8n-workflow';

export interface RecordedRequest {
	method: string;
	/** Under the API root, the part after it (`/instances`); the provider's pages, their whole path (`/provider/hubspot/authorize`). */
	path: string;
	/** A repeated key (`tags[]=a&tags[]=b`) holds the list of its values. */
	query: Record<string, string | string[]>;
	headers: Record<string, string | undefined>;
	rawBody: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- whatever the node sent
	body: any;
	/** Date.now() when the request arrived. */
	at: number;
}

export interface Fault {
	method?: string;
	path?: string;
	when?: (request: RecordedRequest) => boolean;
	status?: number;
	body?: IDataObject;
	headers?: Record<string, string>;
	rawBody?: string;
	contentType?: string;
	delayMs?: number;
	drop?: 'before' | 'after';
	/** Handle the request (e.g. create the instance), then answer with `status`/`rawBody`, or drop. */
	process?: boolean;
	/** Answer with `status`/`rawBody` (or drop), and handle the request this many ms later. */
	processAfterMs?: number;
	times?: number;
}

/** One entry of an element's `configuration`, as `GET /elements/{keyOrId}/configuration` lists them. */
export interface ConfigurationDefinition {
	id: number;
	name: string;
	key: string;
	description: string;
	/** Left out when the entry has none, as in the captured Clover response; a string even for booleans and numbers. */
	defaultValue?: string;
	resellerConfig: boolean;
	companyConfig: boolean;
	active: boolean;
	/** Managed by the platform (tokens, refresh times, the event mechanism): never the user's to send. */
	internal: boolean;
	groupControl: boolean;
	/** The event keys are 100–103. */
	displayOrder: number;
	type: 'TEXTFIELD_32' | 'TEXTFIELD_64' | 'TEXTFIELD_128' | 'TEXTFIELD_1000' | 'TEXTAREA' | 'PASSWORD' | 'BOOLEAN' | 'COMBO';
	hideFromConsole: boolean;
	required: boolean;
	/** The logins of an element with several, on its `authentication.type` (a COMBO with groupControl). */
	options?: Array<{ value: string; description: string }>;
	/** The login an entry belongs to, where only one of several uses it. */
	groupName?: string;
}

/** An entry of `GET /elements`, and the `element` of an instance. */
export interface ElementSummary {
	id: number;
	name: string;
	key: string;
	description: string;
	image: string;
	active: boolean;
	deleted: boolean;
	typeOauth: boolean;
	trialAccount: boolean;
	hub: string;
	/** The default authentication type: apiKey, basic, oauth1 (QuickBooks), oauth2, custom. */
	authentication: { type: string };
	[field: string]: unknown;
}

/** `GET /elements/{keyOrId}`. */
export interface Element extends ElementSummary {
	configuration: ConfigurationDefinition[];
}

export interface CapacityOptions {
	/** Creates served at once. */
	slots?: number;
	serviceMs?: number;
	/** Each create takes serviceMs ± up to this much. */
	jitterMs?: number;
	/** Creates that may wait for a slot; beyond, they are rejected at once. */
	queue?: number;
	/** 429 (the default) or 503. */
	rejectStatus?: number;
	retryAfterS?: number;
}

export interface CapacityStats {
	/** Creates answered 2xx, and with another status, after their service time. */
	served: number;
	failed: number;
	/** Creates rejected with `rejectStatus` as the queue was full. */
	rejected: number;
	peakActive: number;
	peakQueued: number;
	/** Most creates being served or waiting at once: the concurrency the client reached. */
	peakConcurrent: number;
	/** When each served create was answered (epoch ms). */
	servedAt: number[];
}

export interface DeliveryOptions {
	/** One CREATED contact by default. */
	events?: IDataObject[];
	/** `legacy`: the older `{ eventId, instanceId, response: { events }, notificationId }` body. */
	shape?: 'message' | 'legacy';
	/** Sent as is instead of the JSON body (still signed with the instance's key). */
	rawBody?: string;
	signature?: 'valid' | 'wrong' | 'none';
	eventId?: string;
	webhookId?: string;
}

export interface EventDelivery {
	url: string;
	headers: Record<string, string>;
	rawBody: string;
	eventId: string;
	webhookId: string;
}

export interface DeliveryAnswer {
	status: number;
	body: string;
	delivery: EventDelivery;
}

export interface FakeCloudElements {
	url: string;
	port: number;
	userSecret: string;
	organizationSecret: string;
	readonly requests: RecordedRequest[];
	/** Requests received since the last reset, recorded or not. */
	readonly requestCount: number;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- instance JSON as the API presents it
	readonly instances: any[];
	readonly peakInFlight: number;
	idle(): Promise<void>;
	inject(fault: Fault): void;
	/** Answer `GET /instances` without applying its `tags[]` filter, until the next reset. */
	ignoreTagFilter(): void;
	/** List instances without their tokens, until the next reset. */
	omitListTokens(): void;
	/** Until the next reset, creates are served by a service of bounded capacity (capacity.js). */
	limitCapacity(options?: CapacityOptions): void;
	/** What the capacity limit saw since `limitCapacity()`. */
	readonly capacity: CapacityStats | undefined;
	/**
	 * Sets an instance's `disabled` and `valid`, by default `{ disabled: true, valid: false }`: as the
	 * platform leaves it after five failed token refreshes. Answers the instance JSON; throws for an unknown id.
	 */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- instance JSON as the API presents it
	breakInstance(id: number | string, health?: { disabled?: boolean; valid?: boolean }): any;
	/** From now on, `object` (`contacts`, `accounts`) of the instance's element API has `count` records. */
	seedRecords(instanceId: number | string, object: 'contacts' | 'accounts', count: number): void;
	/**
	 * Sends the instance's events to its `event.notification.callback.url`, signed with its
	 * `event.notification.signature.key` as the platform does; throws where its events are off.
	 */
	deliverEvents(id: number | string, options?: DeliveryOptions): Promise<DeliveryAnswer>;
	/** Sends a delivery again, byte for byte, as the platform does when the first was not answered 2xx. */
	redeliver(delivery: EventDelivery): Promise<DeliveryAnswer>;
	/**
	 * The next choice on a consent page (`/provider/{key}/authorize`) is a denial, whichever button
	 * or `decision` the user picks: the callback gets `error=access_denied`. Once; a reset clears it.
	 */
	declineNext(): void;
	/** Clears instances, requests, faults, and the authorization URLs and codes issued. */
	reset(): void;
	stop(): Promise<void>;
}

export function startFakeCloudElements(options?: {
	port?: number;
	userSecret?: string;
	organizationSecret?: string;
	latencyMs?: number;
	record?: boolean;
	/** Largest page `GET /instances` and `GET /elements` answer (the latter never more than 200). */
	maxPageSize?: number;
}): Promise<FakeCloudElements>;

export const API_ROOT: string;
