'use strict';

const http = require('node:http');
const crypto = require('node:crypto');

const { createCapacityLimit } = require('./capacity');
const { authorizationParts, createElementApi } = require('./elementApi');
const events = require('./events');
const { catalog, elementByKey, findElement } = require('./elements');
const { requiredKeys, consentGrantOf, missingProviderData, isBlank } = require('./metadata');
const { createProviders, PROVIDER_ROOT } = require('./oauth');

const API_ROOT = '/elements/api-v2';
const MASK = '********';
// GET /elements never answers more than this many per page, whatever pageSize asks for.
const MAX_ELEMENTS_PAGE = 200;

/**
 * A fake Cloud Elements platform API v2 on 127.0.0.1, behaving as the
 * "Create Instance" pages and the research notes describe: the exact
 * `User …, Organization …` header, element keys, `{ requestId, message }`
 * errors, instance JSON shaped like the samples; the element catalog and each
 * element's configuration metadata (GET /elements…), which POST /instances
 * validates against; the OAuth round trip (oauth.js: authorization URLs, a consent
 * page at the provider, single-use codes that creates and re-authentications redeem).
 *
 * Each instance's element API (elementApi.js: hub calls with the instance token, paging, `where`,
 * ping, its swagger) answers too.
 *
 * Tests drive it through `requests` (every request it saw), `instances`,
 * `reset()`, `inject()` (faults for the next matching requests), `declineNext()`,
 * `breakInstance()` and `seedRecords()`.
 */
async function startFakeCloudElements({
	port = 0,
	userSecret = 'demo-user-secret',
	organizationSecret = 'demo-organization-secret',
	latencyMs = 0,
	record = true,
	// Largest page GET /instances and GET /elements return, whatever pageSize asks for (paging tests set it low).
	maxPageSize = 500,
} = {}) {
	const state = {
		nextId: 1000,
		instances: new Map(),
		requests: [],
		// Counted also where they are not recorded (the bench's requests per item).
		requestCount: 0,
		faults: [],
		inFlight: 0,
		peakInFlight: 0,
		idle: [],
		// A gateway or version that drops the `tags[]` filter: every instance comes back.
		ignoreTagFilter: false,
		// Listings that leave out each instance's token (GET /instances/{id} still has it).
		omitListTokens: false,
		// limitCapacity(): creates served by a service of bounded capacity.
		capacity: undefined,
	};
	const sockets = new Set();
	const elementApi = createElementApi({
		userSecret,
		organizationSecret,
		instances: state.instances,
		element: (instance) => elementByKey(instance.elementKey),
		pageOf,
	});
	const providers = createProviders(() => `http://127.0.0.1:${server.address().port}`);

	const server = http.createServer((req, res) => {
		state.peakInFlight = Math.max(state.peakInFlight, ++state.inFlight);
		readBody(req)
			.then((raw) => handle(req, res, raw))
			.catch((error) => {
				send(res, 500, { message: `Fake Cloud Elements failed: ${error.message}` });
			})
			.finally(() => {
				// A slow request keeps working after its client gave up, as a real service does.
				if (--state.inFlight === 0) state.idle.splice(0).forEach((resolve) => resolve());
			});
	});
	server.keepAliveTimeout = 30_000;
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	async function handle(req, res, raw) {
		const url = new URL(req.url, 'http://fake');
		const request = {
			method: req.method,
			path: url.pathname.startsWith(API_ROOT) ? url.pathname.slice(API_ROOT.length) : url.pathname,
			query: queryOf(url.searchParams),
			headers: req.headers,
			rawBody: raw,
			body: parseJson(raw),
			at: Date.now(),
		};
		state.requestCount++;
		if (record) state.requests.push(request);
		// The consent page is the provider's, not Cloud Elements': no secrets asked, no faults injected.
		if (!url.pathname.startsWith(API_ROOT) && url.pathname.startsWith(`${PROVIDER_ROOT}/`)) {
			return sendPage(res, ...providers.handle(request));
		}

		if (state.capacity && request.method === 'POST' && request.path === '/instances') {
			return send(res, ...(await state.capacity.serve(() => route(request))));
		}
		const fault = takeFault(request);
		const delay = (fault && fault.delayMs) || latencyMs;
		if (delay) await sleep(delay);
		if (fault && fault.drop === 'before') return req.socket.destroy();
		// `process: true`: the request takes effect (an instance is created, say), then the fault is the answer.
		if (fault && fault.process) route(request);
		// `processAfterMs`: the fault is the answer, and the request takes effect that much later.
		if (fault && fault.processAfterMs !== undefined) later(fault.processAfterMs, () => route(request));
		if (fault && fault.drop === 'after' && (fault.process || fault.processAfterMs !== undefined)) {
			return req.socket.destroy();
		}
		if (fault && (fault.status || fault.rawBody !== undefined)) return sendFault(res, fault);

		const [status, body, headers] = route(request);
		if (fault && fault.drop === 'after') return req.socket.destroy();
		send(res, status, body, headers);
	}

	function route(request) {
		// An element API call authorizes with an instance token instead of the organization secret.
		const elementAnswer = elementApi.handle(request);
		if (elementAnswer) return elementAnswer;
		if (!request.path.startsWith('/') || !isAuthorized(request.headers.authorization)) {
			return [401, { message: 'Invalid user secret and/or organization secret.' }];
		}
		const [, collection, ...rest] = request.path.split('/');
		if (collection === 'instances') return routeInstances(request, rest);
		if (collection === 'elements') return routeElements(request, rest);
		return notFound(request);
	}

	function routeInstances(request, [id, ...rest]) {
		const enabling = rest.length === 1 && rest[0] === 'enabled';
		const docs = rest.length === 1 && rest[0] === 'docs' && request.method === 'GET';
		if (rest.length > 0 && !enabling && !docs) return notFound(request);
		if (id === undefined || id === '') {
			if (request.method === 'GET') return listInstances(request.query);
			if (request.method === 'POST') return createInstance(request);
			return [405, { message: `${request.method} is not allowed on /instances` }];
		}
		const instance = state.instances.get(Number(id));
		if (!instance) return [404, { message: `No instance found with ID ${id}` }];
		if (enabling) return setEnabled(instance, request.method);
		if (docs) return [200, elementApi.docsOf(instance)];
		if (request.method === 'GET') return [200, present(instance)];
		if (request.method === 'DELETE') {
			state.instances.delete(instance.id);
			return [200, undefined];
		}
		if (request.method === 'PATCH' || request.method === 'PUT') return updateInstance(instance, request);
		return [405, { message: `${request.method} is not allowed on /instances/${id}` }];
	}

	/** The catalog and each element's metadata: read only, as far as this fake goes; and the OAuth steps. */
	function routeElements(request, [keyOrId, ...rest]) {
		if (rest.length === 2 && rest[0] === 'oauth') return routeOAuth(request, keyOrId, rest[1]);
		if (rest.length > 1 || (rest.length === 1 && rest[0] !== 'configuration')) return notFound(request);
		if (request.method !== 'GET') return [405, { message: `${request.method} is not allowed on /elements` }];
		if (keyOrId === undefined || keyOrId === '') return listElements(request.query);
		if (keyOrId === 'keys' && rest.length === 0) return [200, catalog.map((element) => element.summary.key)];
		const element = findElement(keyOrId);
		if (!element) return [404, { message: `No element found with key or id ${keyOrId}` }];
		if (rest.length === 1) return [200, element.configuration];
		return [200, { ...element.summary, configuration: element.configuration }];
	}

	/**
	 * `GET /elements/{keyOrId}/oauth/url` (or `POST` with the parameters as a JSON body), and
	 * OAuth 1's `GET /elements/{keyOrId}/oauth/token`.
	 */
	function routeOAuth(request, keyOrId, step) {
		const methods = { url: ['GET', 'POST'], token: ['GET'] }[step];
		if (!methods) return notFound(request);
		if (!methods.includes(request.method)) return [405, { message: `${request.method} is not allowed on ${request.path}` }];
		const element = findElement(keyOrId);
		if (!element) return [404, { message: `No element found with key or id ${keyOrId}` }];
		const params = request.method === 'GET' ? request.query : isObject(request.body) ? request.body : {};
		return step === 'url' ? providers.authorizationUrl(element, params) : providers.requestToken(element, params);
	}

	function listElements(query) {
		const [page, headers] = pageOf(catalog, query, Math.min(MAX_ELEMENTS_PAGE, maxPageSize));
		return [200, page.map((element) => element.summary), headers];
	}

	/** Work that goes on after the answer; `idle()` waits for it too. */
	function later(ms, work) {
		state.inFlight++;
		setTimeout(() => {
			work();
			if (--state.inFlight === 0) state.idle.splice(0).forEach((resolve) => resolve());
		}, ms);
	}

	function isAuthorized(header) {
		const parts = authorizationParts(header);
		return parts.User === userSecret && parts.Organization === organizationSecret;
	}

	function createInstance(request) {
		if (!/^application\/json/i.test(request.headers['content-type'] || '')) {
			return [415, { message: 'Content-Type must be application/json' }];
		}
		const body = request.body;
		if (!body || typeof body !== 'object') return [400, { message: 'The request body is not valid JSON' }];
		const key = body.element && body.element.key;
		const element = elementByKey(key);
		if (!element) return [404, { message: `No element found with key ${key}` }];
		const configuration = body.configuration || {};
		const external = body.externalAuthentication === 'initial';
		const problem = checkConfiguration(element, configuration, external);
		if (problem) return [400, { message: problem }];
		const missing = missingProviderData(element, configuration, body);
		if (missing.length) return [400, { message: missingProviderMessage(missing) }];
		if (typeof body.name !== 'string' || !body.name.trim()) return [400, { message: 'An instance name is required' }];
		if (body.tags !== undefined && !isStringArray(body.tags)) return [400, { message: 'tags must be a list of strings' }];
		const provisioned = { ...element.defaults, ...stringify(configuration) };
		// Last, as a code redeemed is used up: the provider hands out the tokens.
		const grant = !external && consentGrantOf(element, configuration);
		const granted = grant ? providers.exchange(element, grant, provisioned, body.providerData) : {};
		if (granted.problem) return [400, { message: granted.problem }];

		const instance = {
			id: state.nextId++,
			name: sanitize(body.name),
			createdDate: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
			token: crypto.randomBytes(32).toString('base64'),
			elementKey: key,
			tags: (body.tags || []).map(sanitize),
			configuration: { ...provisioned, ...granted.tokens },
			// Whether the last authentication (or token refresh) worked; see breakInstance().
			valid: true,
			disabled: false,
			// "initial": provisioned from existing tokens rather than through a consent.
			externalAuthentication: external ? 'initial' : 'none',
		};
		state.instances.set(instance.id, instance);
		return [200, present(instance)];
	}

	/**
	 * PUT or PATCH: name, tags, configuration. With `providerData` or `?reAuthenticate=true`
	 * (research §4: churros re-provisions with a fresh code by PUT and by PATCH), an instance
	 * whose authentication has a consent step is re-authenticated: the code is redeemed as a
	 * create does, the same instance (id, token) gets new tokens and is valid again.
	 */
	function updateInstance(instance, request) {
		const body = request.body || {};
		const element = elementByKey(instance.elementKey);
		const configuration = { ...instance.configuration, ...unmasked(element, stringify(body.configuration || {})) };
		const problem = checkConfiguration(element, configuration);
		if (problem) return [400, { message: problem }];
		if (body.tags !== undefined && !isStringArray(body.tags)) return [400, { message: 'tags must be a list of strings' }];
		const reauthenticating = request.query.reAuthenticate === 'true' || isFilled(body.providerData);
		const grant = consentGrantOf(element, configuration);
		if (grant) {
			if (reauthenticating) {
				const missing = missingProviderData(element, configuration, { providerData: body.providerData });
				if (missing.length) return [400, { message: missingProviderMessage(missing) }];
				// Last, as a code redeemed is used up.
				const granted = providers.exchange(element, grant, configuration, body.providerData);
				if (granted.problem) return [400, { message: granted.problem }];
				Object.assign(configuration, granted.tokens);
				instance.valid = true;
			}
		} else if (reauthenticating || (request.method === 'PUT' && isFilled(body.configuration))) {
			// Without a consent step, the credentials a PUT brings are checked again as they are.
			instance.valid = true;
		}
		if (body.name !== undefined) instance.name = sanitize(String(body.name));
		// "Updating tags removes any existing tags" (Cloud Elements docs).
		if (body.tags !== undefined) instance.tags = body.tags.map(sanitize);
		instance.configuration = configuration;
		return [200, present(instance)];
	}

	/** `PUT /instances/{id}/enabled` enables, `DELETE` disables (element calls then get 403). */
	function setEnabled(instance, method) {
		if (method !== 'PUT' && method !== 'DELETE') return [405, { message: `${method} is not allowed here` }];
		instance.disabled = method === 'DELETE';
		return [200, present(instance)];
	}

	function listInstances(query) {
		const wanted = [].concat(query['tags[]'] || []);
		const search = query.searchText;
		const matches = [...state.instances.values()].filter(
			(instance) =>
				(state.ignoreTagFilter || wanted.every((tag) => instance.tags.includes(tag))) &&
				(!search || instance.name.toLowerCase().includes(String(search).toLowerCase())),
		);
		const [page, headers] = pageOf(matches, query, maxPageSize);
		const listed = page.map(present).map(({ token, ...rest }) => (state.omitListTokens ? rest : { token, ...rest }));
		return [200, listed, headers];
	}

	function present(instance) {
		const element = elementByKey(instance.elementKey);
		const configuration = { ...instance.configuration };
		for (const key of element.masked) if (configuration[key]) configuration[key] = MASK;
		return {
			id: instance.id,
			name: instance.name,
			createdDate: instance.createdDate,
			token: instance.token,
			element: element.summary,
			elementId: element.summary.id,
			tags: instance.tags,
			provisionInteractions: [],
			valid: instance.valid,
			disabled: instance.disabled,
			maxCacheSize: 0,
			cacheTimeToLive: 0,
			configuration,
			eventsEnabled: configuration['event.notification.enabled'] === 'true',
			eventsNotificationCallbackUrl: configuration['event.notification.callback.url'] || 'false',
			traceLoggingEnabled: false,
			cachingEnabled: false,
			externalAuthentication: instance.externalAuthentication,
			user: { id: 7, emailAddress: 'owner@example.com', firstName: 'Demo', lastName: 'Owner' },
		};
	}

	function takeFault(request) {
		const index = state.faults.findIndex(
			(fault) =>
				(!fault.method || fault.method === request.method) &&
				(!fault.path || fault.path === request.path) &&
				(!fault.when || fault.when(request)),
		);
		if (index === -1) return undefined;
		const fault = state.faults[index];
		if (!fault.times || --fault.times <= 0) state.faults.splice(index, 1);
		return fault;
	}

	function sendFault(res, fault) {
		if (fault.rawBody !== undefined) {
			res.writeHead(fault.status || 200, {
				'content-type': fault.contentType || 'application/json;charset=UTF-8',
				...fault.headers,
			});
			return res.end(fault.rawBody);
		}
		send(res, fault.status, fault.body || { message: `Injected ${fault.status}` }, fault.headers);
	}

	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	const address = server.address();

	return {
		url: `http://127.0.0.1:${address.port}${API_ROOT}`,
		port: address.port,
		userSecret,
		organizationSecret,
		get requests() {
			return state.requests;
		},
		/** Requests received since the last reset, recorded or not. */
		get requestCount() {
			return state.requestCount;
		},
		get instances() {
			return [...state.instances.values()].map(present);
		},
		/** Most requests the fake was handling at the same time since the last reset. */
		get peakInFlight() {
			return state.peakInFlight;
		},
		/** Resolves once no request is being handled, e.g. one still working after its client timed out. */
		idle() {
			return state.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => state.idle.push(resolve));
		},
		/**
		 * Fault for the next request(s) matching `method`, `path` and `when(request)`:
		 * `{ status, body, headers, rawBody, contentType, delayMs, drop: 'before'|'after', process, times }`.
		 * `delayMs` holds the request before it is handled (beyond the client's timeout, it still
		 * takes effect afterwards); `drop` closes the connection before or after handling it;
		 * `process` handles it, then answers with the fault's status or raw body (or, with
		 * `drop: 'after'`, closes the connection); `processAfterMs` answers so and handles the
		 * request that much later, as a platform still working behind a gateway that gave up.
		 */
		inject(fault) {
			state.faults.push({ ...fault });
		},
		/**
		 * Until the next reset, creates (`POST /instances`) are served as by a service of bounded
		 * capacity (capacity.js): `{ slots, serviceMs, jitterMs, queue, rejectStatus, retryAfterS }`.
		 */
		limitCapacity(options) {
			state.capacity = createCapacityLimit(options);
		},
		/** What the capacity limit saw since `limitCapacity()`: served, failed, rejected, peaks, when each was served. */
		get capacity() {
			return state.capacity?.stats;
		},
		/** Answer `GET /instances` without applying its `tags[]` filter, until the next reset. */
		ignoreTagFilter() {
			state.ignoreTagFilter = true;
		},
		/** List instances without their tokens, until the next reset. */
		omitListTokens() {
			state.omitListTokens = true;
		},
		/**
		 * Sets an instance's health flags, by default as the platform leaves it after five failed
		 * token refreshes: disabled and invalid, to be re-authenticated and re-enabled.
		 */
		breakInstance(id, { disabled = true, valid = false } = {}) {
			const instance = state.instances.get(Number(id));
			if (!instance) throw new Error(`No instance found with ID ${id}`);
			Object.assign(instance, { disabled, valid });
			return present(instance);
		},
		/**
		 * Sends the instance's events to its callback URL, signed with its signature key, as the
		 * platform does (events.js: knobs for a wrong or missing signature, the legacy body, a raw
		 * body). Resolves to `{ status, body, delivery }`; `redeliver(delivery)` sends it again.
		 */
		async deliverEvents(id, options) {
			const instance = state.instances.get(Number(id));
			if (!instance) throw new Error(`No instance found with ID ${id}`);
			const delivery = events.eventDelivery(instance, options);
			return { ...(await events.send(delivery)), delivery };
		},
		async redeliver(delivery) {
			return { ...(await events.send(delivery)), delivery };
		},
		/** From now on, `object` (`contacts`, `accounts`) of the instance's element API has `count` records. */
		seedRecords(instanceId, object, count) {
			elementApi.seedRecords(instanceId, object, count);
		},
		/** The next choice on a consent page is a denial, whichever button (or `decision`) the user picks. */
		declineNext() {
			providers.declineNext();
		},
		reset() {
			providers.reset();
			elementApi.reset();
			state.ignoreTagFilter = false;
			state.omitListTokens = false;
			state.capacity = undefined;
			state.instances.clear();
			state.requests.length = 0;
			state.requestCount = 0;
			state.faults.length = 0;
			state.peakInFlight = state.inFlight;
		},
		async stop() {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

function checkConfiguration(element, configuration, external = false) {
	const missing = requiredKeys(element, configuration, external).filter((key) => isBlank(configuration[key]));
	if (missing.length) return `Missing required configuration: ${missing.join(', ')}`;
	for (const [key, allowed] of Object.entries(element.allowed)) {
		if (configuration[key] !== undefined && !allowed.includes(String(configuration[key]))) {
			return `Invalid value for ${key}: must be one of ${allowed.join(', ')}`;
		}
	}
	return undefined;
}

/**
 * One page of `items`: `pageSize` of them (200 unless asked, at most `limit`) from
 * the `nextPage` cursor on, and the cursor to the next page in the
 * `elements-next-page-token` header while there is one.
 */
function pageOf(items, query, limit) {
	const pageSize = Math.min(Number(query.pageSize) || 200, limit);
	const offset = query.nextPage ? Number(Buffer.from(query.nextPage, 'base64').toString()) || 0 : 0;
	const headers =
		offset + pageSize < items.length
			? { 'elements-next-page-token': Buffer.from(String(offset + pageSize)).toString('base64') }
			: {};
	return [items.slice(offset, offset + pageSize), headers];
}

/**
 * A configuration without the masked secrets (`********`) sent back as they were read: those keep
 * their values. The documented re-authentication recipe PUTs the body of GET /instances/{id}.
 */
const unmasked = (element, configuration) =>
	Object.fromEntries(Object.entries(configuration).filter(([key, value]) => !(value === MASK && element.masked.includes(key))));

const missingProviderMessage = (keys) => `Missing required provider data: ${keys.map((key) => `providerData.${key}`).join(', ')}`;

const notFound = (request) => [404, { message: `No resource found at ${request.path}` }];

function send(res, status, body, headers = {}) {
	const requestId = crypto.randomBytes(12).toString('hex');
	const payload = status >= 400 && body && typeof body === 'object' ? { requestId, ...body } : body;
	res.writeHead(status, {
		'content-type': 'application/json;charset=UTF-8',
		'elements-request-id': requestId,
		...headers,
	});
	res.end(payload === undefined ? '' : JSON.stringify(payload));
}

/** A provider page: HTML, and none of the platform's headers. */
function sendPage(res, status, html, headers = {}) {
	res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
	res.end(html);
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** The query string, a repeated key (`tags[]=a&tags[]=b`) as a list of its values. */
function queryOf(searchParams) {
	const query = {};
	for (const [key, value] of searchParams) query[key] = Object.hasOwn(query, key) ? [].concat(query[key], value) : value;
	return query;
}

function parseJson(raw) {
	if (!raw) return undefined;
	try {
		return JSON.parse(raw);
	} catch {
		return undefined;
	}
}

const isObject = (value) => Boolean(value) && typeof value === 'object' && !Array.isArray(value);
const isFilled = (object) => isObject(object) && Object.keys(object).length > 0;
const isStringArray = (value) => Array.isArray(value) && value.every((tag) => typeof tag === 'string');
// Cloud Elements strips HTML from instance names and tags.
const sanitize = (text) => text.replace(/<[^>]*>/g, '');
const stringify = (configuration) =>
	Object.fromEntries(Object.entries(configuration).map(([key, value]) => [key, value === null ? null : String(value)]));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { startFakeCloudElements, API_ROOT };
