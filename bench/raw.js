'use strict';

/**
 * The practical limit: the same `POST /instances` from a plain axios loop, no
 * n8n at all, `concurrency` requests in flight, results in input order.
 */
const http = require('node:http');
const axios = require('axios');

const { instanceBody, authorization } = require('./workflows');

/** Sends one request per customer; resolves to the created instances, in order. */
async function provisionRaw({ fake, customers, concurrency, keepAlive = true }) {
	const agent = new http.Agent({ keepAlive, maxSockets: concurrency });
	const client = axios.create({
		baseURL: fake.url,
		httpAgent: agent,
		headers: { Authorization: authorization(fake) },
	});
	try {
		return await mapBounded(customers, concurrency, async (customer) => {
			const { data } = await client.post('/instances', instanceBody(customer));
			return data;
		});
	} finally {
		agent.destroy();
	}
}

/** `fn` over `items` with at most `limit` calls pending; results keep the input order. */
async function mapBounded(items, limit, fn) {
	const results = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await fn(items[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}

module.exports = { provisionRaw };
