import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { isSignedBy, SIGNATURE_HEADER } from './signature';
import { eventsState, type EventsState } from './state';

/** The header naming a delivery; a redelivery carries the same. */
const WEBHOOK_ID_HEADER = 'elements-webhook-id';
/**
 * Delivery and event IDs remembered to tell a redelivery: two per delivery, so
 * the last 500 deliveries, in well under 100 kB. Best effort: concurrent
 * deliveries each save their own list.
 */
const MAX_SEEN = 1000;

/** A delivery's events, in the current shape (`message`) or the older one (`response`). */
interface Delivery {
	eventId?: string;
	instanceId?: unknown;
	events: IDataObject[];
	raw?: unknown;
}

/**
 * One delivery of an instance's events. Its signature is checked on the raw
 * body before anything else: a missing or wrong one gets 401 and starts
 * nothing. A redelivery (same delivery or event ID as one passed on) and a
 * delivery whose events are all filtered out get 200 and start nothing. A
 * signed body that is not events gets 400, so Cloud Elements keeps it.
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	if (request.rawBody === undefined) await request.readRawBody();
	const state = eventsState(this);
	const headers = this.getHeaderData() as IDataObject;
	if (!state.signatureKey || !isSignedBy(request.rawBody, headers[SIGNATURE_HEADER], state.signatureKey)) {
		return refuse(this, 401, 'Unauthorized', 'a delivery without a valid signature');
	}
	const delivery = readDelivery(request.rawBody);
	if (!delivery) return refuse(this, 400, 'Expected JSON with a list of events', 'a signed delivery that holds no events');

	const webhookId = typeof headers[WEBHOOK_ID_HEADER] === 'string' ? (headers[WEBHOOK_ID_HEADER] as string) : undefined;
	const ids = [webhookId && `delivery:${webhookId}`, delivery.eventId && `event:${delivery.eventId}`].filter(
		(id): id is string => Boolean(id),
	);
	if (ids.some((id) => state.seen?.includes(id))) {
		this.logger.info('Cloud Elements Trigger: a redelivery of events already passed on; nothing started');
		return {};
	}
	remember(state, ids);

	const events = delivery.events.filter(eventFilter(this));
	if (events.length === 0) return {};
	return { workflowData: [outputItems(this, delivery, events, webhookId)] };
}

function refuse(ctx: IWebhookFunctions, status: number, answer: string, what: string): IWebhookResponseData {
	ctx.logger.warn(`Cloud Elements Trigger: refused ${what} (${status})`);
	ctx.getResponseObject().status(status).send(answer).end();
	return { noWebhookResponse: true };
}

/** The delivery in either shape, or undefined for a body that is not JSON or holds no list of events. */
function readDelivery(rawBody: Buffer): Delivery | undefined {
	let body: unknown;
	try {
		body = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return undefined;
	}
	if (!isObject(body)) return undefined;
	const message = isObject(body.message) ? body.message : undefined;
	const events = message ? message.events : isObject(body.response) ? body.response.events : undefined;
	if (!Array.isArray(events)) return undefined;
	const from = message ?? body;
	return {
		eventId: from.eventId === undefined || from.eventId === null ? undefined : String(from.eventId),
		instanceId: from.instanceId ?? from.instance_id,
		events: events.filter(isObject),
		raw: message?.raw,
	};
}

function eventFilter(ctx: IWebhookFunctions): (event: IDataObject) => boolean {
	const eventTypes = ctx.getNodeParameter('eventTypes', []) as string[];
	const objectTypes = String(ctx.getNodeParameter('objectTypes', '') ?? '')
		.split(',')
		.map((type) => type.trim().toLowerCase())
		.filter(Boolean);
	return (event) =>
		(eventTypes.length === 0 || eventTypes.includes(String(event.eventType).toUpperCase())) &&
		(objectTypes.length === 0 || objectTypes.includes(String(event.objectType).toLowerCase()));
}

function outputItems(ctx: IWebhookFunctions, delivery: Delivery, events: IDataObject[], webhookId?: string): INodeExecutionData[] {
	const { eventId, instanceId, raw } = delivery;
	if (ctx.getNodeParameter('output', 'event') === 'delivery') {
		return [{ json: { instanceId, eventId, webhookId, events, raw } as IDataObject }];
	}
	return events.map((event) => ({ json: { instanceId, eventId, webhookId, ...event } as IDataObject }));
}

/** Records the IDs, forgetting the oldest beyond MAX_SEEN. */
function remember(state: EventsState, ids: string[]): void {
	state.seen = [...(state.seen ?? []), ...ids].slice(-MAX_SEEN);
}

function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}
