'use strict';

const crypto = require('node:crypto');
const http = require('node:http');

/**
 * Deliveries of an instance's events as Cloud Elements sends them (research:
 * events-auth-types-hub-api.md §A): a POST of JSON to the instance's
 * `event.notification.callback.url`, signed in `Elements-Webhook-Signature`
 * with `sha256=` and the Base64 HMAC-SHA256 of the raw body keyed with its
 * `event.notification.signature.key`, named by `elements-webhook-id`.
 */
let deliveries = 0;

/**
 * The delivery for `instance` (as the fake holds it). Knobs: `events` (one
 * CREATED contact by default), `shape: 'legacy'` for the older
 * `{ eventId, instanceId, response: { events } }` body, `rawBody` to send as
 * is, `signature: 'wrong' | 'none'`, and `eventId`/`webhookId` to repeat one.
 */
function eventDelivery(instance, options = {}) {
	const { configuration } = instance;
	if (configuration['event.notification.enabled'] !== 'true') {
		throw new Error(`Instance ${instance.id} does not have events enabled`);
	}
	const n = ++deliveries;
	const eventId = options.eventId ?? `evt-${n}`;
	const webhookId = options.webhookId ?? crypto.randomUUID();
	const events = options.events ?? [
		{ objectType: 'contacts', objectId: `c-${n}`, eventType: 'CREATED', elementKey: instance.elementKey, date: new Date().toISOString() },
	];
	const body =
		options.shape === 'legacy'
			? { eventId, instanceId: instance.id, response: { events }, notificationId: `n-${n}` }
			: { message: { eventId, instanceId: instance.id, elementKey: instance.elementKey, events, raw: { vendor: 'payload', events } } };
	const rawBody = options.rawBody ?? JSON.stringify(body);
	const key = configuration['event.notification.signature.key'] || '';
	const signature = { none: undefined, wrong: sign('not-the-key', rawBody) }[options.signature] ?? sign(key, rawBody);
	const headers = { 'content-type': 'application/json', 'elements-webhook-id': webhookId };
	if (options.signature !== 'none') headers['elements-webhook-signature'] = signature;
	return { url: configuration['event.notification.callback.url'], headers, rawBody, eventId, webhookId };
}

function sign(key, rawBody) {
	return `sha256=${crypto.createHmac('sha256', key).update(rawBody).digest('base64')}`;
}

/** Sends a delivery (again, for a redelivery); resolves to the receiver's answer. */
function send({ url, headers, rawBody }) {
	return new Promise((resolve, reject) => {
		const request = http.request(url, { method: 'POST', headers, agent: false }, (response) => {
			let text = '';
			response.on('data', (chunk) => (text += chunk));
			response.on('end', () => resolve({ status: response.statusCode, body: text }));
		});
		request.on('error', reject);
		request.end(rawBody);
	});
}

module.exports = { eventDelivery, send };
