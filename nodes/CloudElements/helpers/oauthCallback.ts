import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemLabel } from './parameters';

/** Callback parameters that are about the round trip, not for the provider data. */
const ROUND_TRIP_PARAMETERS = ['state', 'error', 'error_description', 'error_uri'];

/**
 * Reads the provider's redirect back to the callback URL (its query, as an
 * n8n Webhook outputs it in `$json.query`, or the query string or URL) into
 * Cloud Elements' `providerData` (the code, or OAuth 1 token and verifier,
 * and every extra the provider sent), as Cloud Elements' own test suite does:
 * every parameter but the round trip's own. A declined authorization and a
 * `state` other than the expected one are refused for the item.
 */
export function readCallback(
	ctx: IExecuteFunctions,
	itemIndex: number,
	callback: { query: unknown; expectedState: string; requestTokenSecret: string },
	problems: string[],
): IDataObject {
	const query = parseQuery(callback.query);
	if (!query) {
		problems.push('Callback Query must be the query of the callback, e.g. {{ $json.query }} of the Webhook node');
		return {};
	}
	if (query.error !== undefined) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The customer declined the authorization: ${String(query.error_description ?? query.error)}${itemLabel(ctx, itemIndex)}`,
			{ itemIndex, description: 'Nothing was created. Send the customer a new authorization link to try again.' },
		);
	}
	if (callback.expectedState && query.state !== callback.expectedState) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The callback's state does not match the expected state: refused as forged or stale${itemLabel(ctx, itemIndex)}`,
			{ itemIndex, description: 'Nothing was created. Only the callback of the authorization link this customer got is accepted.' },
		);
	}
	const providerData = Object.fromEntries(
		Object.entries(query).filter(([name]) => !ROUND_TRIP_PARAMETERS.includes(name)),
	) as IDataObject;
	if (callback.requestTokenSecret) providerData.secret = callback.requestTokenSecret;
	if (providerData.code === undefined && providerData.oauth_token === undefined) {
		problems.push('Callback Query has no code (nor an OAuth 1 oauth_token)');
	}
	return providerData;
}

/** An object of parameters, from an object, JSON, a query string or a whole callback URL. */
function parseQuery(value: unknown): IDataObject | undefined {
	if (value && typeof value === 'object' && !Array.isArray(value)) return value as IDataObject;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	if (text.startsWith('{')) {
		try {
			return parseQuery(JSON.parse(text));
		} catch {
			return undefined;
		}
	}
	const search = text.includes('?') ? text.slice(text.indexOf('?') + 1) : text;
	const parameters = new URLSearchParams(search.split('#')[0]);
	return parameters.size > 0 ? Object.fromEntries(parameters) : undefined;
}
