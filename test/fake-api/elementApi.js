'use strict';

/**
 * An instance's element API as Cloud Elements serves it (research:
 * events-auth-types-hub-api.md §C): `/hubs/{hub}/{object}[/{id}]` authorized
 * by `User <user secret>, Element <instance token>` (an `Organization` part
 * may come too, and must then be right), lists paged by `pageSize` and the
 * `elements-next-page-token` cursor sent back as `nextPage`, `where` in a
 * little CEQL, `GET /hubs/{hub}/ping`, and the instance's swagger at
 * `GET /instances/docs` (with the token) and `GET /instances/{id}/docs`.
 *
 * Every hub has `contacts` (250 per instance) and `accounts` (30), made up
 * from the instance and the record's number when asked for, so that 10,000
 * of them cost nothing until read; only records created, changed or deleted
 * are kept.
 */

const OBJECTS = {
	contacts: { count: 250, prefix: 'c', make: contact },
	accounts: { count: 30, prefix: 'a', make: account },
};
// The largest page an element answers, whatever pageSize asks for.
const MAX_PAGE = 200;
const COUNTRIES = ['US', 'DE', 'FR', 'GB'];
const FIRST_NAMES = ['Ada', 'Ben', 'Chloe', 'Dev', 'Eva', 'Farid', 'Grace'];
const LAST_NAMES = ['Lovelace', 'Okafor', 'Martin', 'Patel', 'Schmidt', 'Haddad', 'Hopper', 'Novak'];
// Elements whose ping answers `valid` as the string "true" (both forms are seen), and those without a ping.
const STRING_VALID = ['hubspot'];
const NO_PING = ['autopilot'];
const DATE = '2026-11-01T09:00:00Z';

function contact(instance, n) {
	return {
		id: `${instance.id}-c-${n}`,
		firstName: FIRST_NAMES[n % FIRST_NAMES.length],
		lastName: LAST_NAMES[n % LAST_NAMES.length],
		email: `contact${n}@customer${instance.id}.example`,
		country: COUNTRIES[n % COUNTRIES.length],
		createdDate: DATE,
	};
}

function account(instance, n) {
	return { id: `${instance.id}-a-${n}`, name: `Account ${n}`, industry: n % 2 ? 'Retail' : 'Software', country: COUNTRIES[n % COUNTRIES.length] };
}

/**
 * `instances` is the fake's Map of instances by id, `element(instance)` an
 * instance's element; `pageOf(items, query, max)` pages as the platform does.
 */
function createElementApi({ userSecret, organizationSecret, instances, element, pageOf }) {
	// instance id → object → { count, kept: Map(id → record, or null once deleted), created: [ids], next }
	let stores = new Map();

	function storeOf(instance, object) {
		if (!stores.has(instance.id)) stores.set(instance.id, new Map());
		const objects = stores.get(instance.id);
		if (!objects.has(object)) objects.set(object, { count: OBJECTS[object].count, kept: new Map(), created: [], next: 1 });
		return objects.get(object);
	}

	/** The instance the header's token names, or the refusal. */
	function authorize(header) {
		const parts = authorizationParts(header);
		const instance = [...instances.values()].find((candidate) => candidate.token === parts.Element);
		const organizationWrong = parts.Organization !== undefined && parts.Organization !== organizationSecret;
		if (parts.User !== userSecret || !instance || organizationWrong) {
			return { refusal: [401, { message: 'Invalid user secret and/or element token.' }] };
		}
		if (instance.disabled) return { refusal: [403, { message: 'The element instance is disabled.' }] };
		return { instance };
	}

	/** `/hubs/...` and `GET /instances/docs`, or undefined for any other path. */
	function handle(request) {
		const [, collection, ...rest] = request.path.split('/');
		const docsByToken = collection === 'instances' && rest.length === 1 && rest[0] === 'docs';
		if (collection !== 'hubs' && !docsByToken) return undefined;
		const { instance, refusal } = authorize(request.headers.authorization);
		if (refusal) return refusal;
		if (docsByToken) return request.method === 'GET' ? [200, docsOf(instance)] : notAllowed(request);
		return routeHub(request, instance, rest);
	}

	function routeHub(request, instance, [hub, object, id, ...more]) {
		const { summary } = element(instance);
		if (hub !== summary.hub || more.length > 0) return notFound(request);
		if (object === 'ping' && id === undefined && !NO_PING.includes(summary.key)) {
			if (request.method !== 'GET') return notAllowed(request);
			const valid = instance.valid && (STRING_VALID.includes(summary.key) ? 'true' : true);
			return [200, { endpoint: summary.key, valid, dateTime: new Date().toISOString() }];
		}
		if (!OBJECTS[object]) return notFound(request);
		if (!instance.valid) return [401, { message: "The provider rejected the instance's credentials; re-authenticate the instance." }];
		const store = storeOf(instance, object);
		if (id === undefined) {
			if (request.method === 'GET') return list(instance, object, store, request.query);
			if (request.method === 'POST') return create(instance, object, store, request.body);
			return notAllowed(request);
		}
		const record = find(instance, object, store, id);
		if (!record) return [404, { message: `No ${object} record found with ID ${id}` }];
		if (request.method === 'GET') return [200, record];
		if (request.method === 'PATCH') return update(store, record, request.body);
		if (request.method === 'DELETE') {
			store.kept.set(id, null);
			return [200, undefined];
		}
		return notAllowed(request);
	}

	function list(instance, object, store, query) {
		const filter = query.where === undefined ? undefined : parseWhere(String(query.where));
		if (filter && filter.problem) return [400, { message: `Invalid CEQL: ${filter.problem}` }];
		const pristine = !filter && store.kept.size === 0 && store.created.length === 0;
		// Untouched and unfiltered (the bench's 10,000): only the page asked for is made up.
		const records = pristine ? lazyRecords(instance, object, store.count) : allRecords(instance, object, store).filter(filter ? filter.test : () => true);
		return [200, ...pageOf(records, query, MAX_PAGE)];
	}

	function create(instance, object, store, body) {
		if (!body || typeof body !== 'object' || Array.isArray(body)) return [400, { message: 'The request body must be a JSON object' }];
		const id = `${instance.id}-${OBJECTS[object].prefix}-new-${store.next++}`;
		const record = { ...body, id, createdDate: new Date().toISOString() };
		store.kept.set(id, record);
		store.created.push(id);
		return [200, record];
	}

	function update(store, record, body) {
		if (!body || typeof body !== 'object' || Array.isArray(body)) return [400, { message: 'The request body must be a JSON object' }];
		const updated = { ...record, ...body, id: record.id };
		store.kept.set(record.id, updated);
		return [200, updated];
	}

	function find(instance, object, store, id) {
		if (store.kept.has(id)) return store.kept.get(id);
		const prefix = `${instance.id}-${OBJECTS[object].prefix}-`;
		const number = id.startsWith(prefix) ? id.slice(prefix.length) : '';
		return /^[1-9]\d*$/.test(number) && Number(number) <= store.count ? OBJECTS[object].make(instance, Number(number)) : undefined;
	}

	function allRecords(instance, object, store) {
		const made = Array.from({ length: store.count }, (_, i) => OBJECTS[object].make(instance, i + 1));
		const current = made.map((record) => (store.kept.has(record.id) ? store.kept.get(record.id) : record));
		return [...current, ...store.created.map((id) => store.kept.get(id))].filter(Boolean);
	}

	return {
		handle,
		/** `GET /instances/{id}/docs`, with the platform's own authorization. */
		docsOf,
		/** How many records `object` of the instance has from now on (the bench reads 10,000). */
		seedRecords(instanceId, object, count) {
			const instance = instances.get(Number(instanceId));
			if (!instance) throw new Error(`No instance found with ID ${instanceId}`);
			if (!OBJECTS[object]) throw new Error(`No object ${object}: there are ${Object.keys(OBJECTS).join(', ')}`);
			storeOf(instance, object).count = count;
		},
		reset() {
			stores = new Map();
		},
	};

	/** A small swagger 2.0 document of the instance's API, as the platform serves it. */
	function docsOf(instance) {
		const { summary } = element(instance);
		const paths = {};
		for (const object of Object.keys(OBJECTS)) {
			const one = object.replace(/s$/, '');
			paths[`/${object}`] = {
				get: { summary: `Search for ${object}`, operationId: `get${capital(object)}` },
				post: { summary: `Create ${one}`, operationId: `create${capital(one)}` },
			};
			paths[`/${object}/{id}`] = {
				get: { summary: `Get ${one} by ID`, operationId: `get${capital(one)}ById` },
				patch: { summary: `Update ${one} by ID`, operationId: `update${capital(one)}ById` },
				delete: { summary: `Delete ${one} by ID`, operationId: `delete${capital(one)}ById` },
			};
		}
		if (!NO_PING.includes(summary.key)) {
			paths['/ping'] = { get: { summary: 'Ping the element to confirm that the Hub Element has a heartbeat', operationId: 'getPing' } };
		}
		return { swagger: '2.0', info: { title: summary.name, version: 'v2' }, basePath: `/elements/api-v2/hubs/${summary.hub}`, paths };
	}
}

/** The records of an untouched object, made up only as they are read (a page slices them). */
function lazyRecords(instance, object, count) {
	const make = (i) => OBJECTS[object].make(instance, i + 1);
	return {
		length: count,
		slice: (start, end) => Array.from({ length: Math.max(0, Math.min(end, count) - start) }, (_, i) => make(start + i)),
	};
}

/** `User a, Organization b, Element c`, in any order, as `{ User, Organization, Element }`. */
function authorizationParts(header) {
	return Object.fromEntries(
		String(header || '')
			.split(',')
			.map((part) => part.trim().split(' '))
			.filter((pair) => pair.length === 2),
	);
}

const CLAUSE = /^\s*([A-Za-z_][\w.]*)\s*(=|!=|LIKE)\s*('(?:[^']|'')*'|-?\d+(?:\.\d+)?)\s*$/i;

/** `field = 'value'`, `!=`, `LIKE '%x%'` and numbers, joined by AND: a test, or what is wrong. */
function parseWhere(where) {
	const clauses = where.split(/\s+AND\s+/i).map((text) => CLAUSE.exec(text));
	const bad = clauses.findIndex((clause) => !clause);
	if (bad !== -1) return { problem: `cannot read "${where.split(/\s+AND\s+/i)[bad].trim()}"` };
	const tests = clauses.map(([, field, operator, literal]) => {
		const value = literal.startsWith("'") ? literal.slice(1, -1).replace(/''/g, "'") : Number(literal);
		const op = operator.toUpperCase();
		if (op === 'LIKE') {
			const pattern = new RegExp(`^${String(value).split('%').map(escapeRegExp).join('.*')}$`, 'i');
			return (record) => pattern.test(String(record[field] ?? ''));
		}
		return op === '=' ? (record) => record[field] === value : (record) => record[field] !== value;
	});
	return { test: (record) => tests.every((test) => test(record)) };
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const capital = (text) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
const notFound = (request) => [404, { message: `No resource found at ${request.path}` }];
const notAllowed = (request) => [405, { message: `${request.method} is not allowed on ${request.path}` }];

module.exports = { createElementApi, authorizationParts };
