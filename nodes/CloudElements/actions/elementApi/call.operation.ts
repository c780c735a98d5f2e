import type { IDataObject, IDisplayOptions, IExecuteFunctions, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { assertNoProblems, itemLabel } from '../../helpers/parameters';
import { readApiPath, readHeaderWord, readJsonBody, readQueryParameters, readQueryText } from '../../helpers/requestFields';
import { ELEMENT_API_METHODS, readElementApi, sendElementApi, type ElementApiCall } from '../../transport/elementApi';
import { PAGE_SIZE } from '../../transport/paging';
import type { WriteAttempt } from '../attempts';
import { returnAllAndLimit, withWorkflowDefault } from '../common.descriptions';
import type { ExecutionRun, Operation, PreparedCall } from '../operation';

const option = {
	name: 'Call Element API',
	value: 'callElementApi',
	description:
		"Call the API of a customer's instance (its contacts, accounts, …) with the instance's token; the credential adds your user secret",
	action: "Call an instance's element API",
} satisfies Operation['option'];

const WITH_BODY: IHttpRequestMethods[] = ['PATCH', 'POST', 'PUT'];
const show = (extra: IDisplayOptions['show'] = {}) => ({ show: { operation: [option.value], ...extra } });

const description: INodeProperties[] = [
	{
		displayName: 'Instance Token',
		name: 'instanceToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '={{ $json.token }}',
		description:
			"The instance's token, as a provisioning step outputs it (or Get Instance). It comes from the workflow, never from an AI model.",
		displayOptions: show(),
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: ELEMENT_API_METHODS.map((method) => ({ name: method, value: method })),
		default: 'GET',
		displayOptions: show(),
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: "Below the API root, e.g. /hubs/marketing/contacts: from the instance's API docs, or typed",
		displayOptions: show(),
		modes: [
			{
				displayName: 'From Instance API Docs',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchElementApiPaths', searchable: true },
			},
			{ displayName: 'By Path', name: 'path', type: 'string', placeholder: 'e.g. /hubs/marketing/contacts' },
		],
	},
	...returnAllAndLimit(show({ method: ['GET'] }).show),
	{
		displayName: 'Where (CEQL)',
		name: 'where',
		type: 'string',
		default: '',
		placeholder: "e.g. email = 'jane@example.com' AND country = 'DE'",
		description: "Only records matching this Cloud Elements Query Language expression, sent as it is (AND, OR, =, !=, comparisons, LIKE, IN, IS NULL)",
		displayOptions: show({ method: ['GET'] }),
	},
	{
		displayName: 'Query Parameters',
		name: 'queryParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: {},
		displayOptions: show(),
		options: [
			{
				name: 'parameters',
				displayName: 'Parameter',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. fields' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default: '{}',
		description: 'The record or request to send, as the element API expects it',
		displayOptions: show({ method: WITH_BODY }),
	},
	...withWorkflowDefault(
		{
			displayName: 'Simplify',
			name: 'simple',
			type: 'boolean',
			default: true,
			description: 'Whether to return a simplified version of the response instead of the raw data',
			hint: "Each record's top-level fields, without nested objects and lists",
			displayOptions: show({ method: ['GET'] }),
		},
		false,
	),
	{
		displayName: 'Call Options',
		name: 'callOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(),
		options: [
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 200 },
				default: 200,
				description: 'Records asked for per page of a GET (pageSize, at most 200); the element may answer fewer',
				displayOptions: { show: { '/method': ['GET'] } },
			},
			{
				displayName: 'Resend After Lost Answer',
				name: 'resendAfterLoss',
				type: 'boolean',
				default: false,
				description:
					'Whether to send a POST, PUT, PATCH or DELETE again when its answer is lost (no answer, a gateway error). Off: the provider may have carried it out, so it is not repeated and the item fails saying so.',
				displayOptions: { hide: { '/method': ['GET'] } },
			},
		],
	},
];

/** A token written as `$fromAI(…)` would come from the model, which may have read it anywhere. */
const FROM_MODEL = /\$?fromAI\s*\(/i;

/** What every call reads: the token (never from the model), method, path and query. */
function readCall(ctx: IExecuteFunctions, itemIndex: number, problems: string[]): ElementApiCall {
	if (FROM_MODEL.test(String(ctx.getNode().parameters.instanceToken ?? ''))) {
		problems.push('Instance Token must come from the workflow (e.g. {{ $json.token }}), not from the AI model');
	}
	const token = readHeaderWord('Instance Token', ctx.getNodeParameter('instanceToken', itemIndex, ''), problems);
	const method = ctx.getNodeParameter('method', itemIndex, 'GET') as IHttpRequestMethods;
	if (!ELEMENT_API_METHODS.includes(method)) problems.push(`Method must be one of ${ELEMENT_API_METHODS.join(', ')}`);
	const path = readApiPath('Path', ctx.getNodeParameter('path', itemIndex, '', { extractValue: true }), problems);
	const qs = readQueryParameters(ctx.getNodeParameter('queryParameters', itemIndex, {}), problems);
	return { method, path, token, qs };
}

/** How a GET reads: Where (into the query), Return All or Limit, Page Size, Simplify. */
function readPaging(ctx: IExecuteFunctions, itemIndex: number, call: ElementApiCall, options: IDataObject, problems: string[]) {
	const where = readQueryText('Where (CEQL)', ctx.getNodeParameter('where', itemIndex, ''), problems, false);
	if (where && call.qs.where !== undefined) problems.push('Where is set in Where (CEQL) and in Query Parameters: keep one');
	if (where) call.qs.where = where;
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) === true;
	const limit = returnAll ? Infinity : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
	if (!returnAll && (!Number.isInteger(limit) || limit < 1)) problems.push('Limit must be a whole number of 1 or more');
	const pageSize = (options.pageSize ?? PAGE_SIZE) as number;
	if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > PAGE_SIZE) problems.push(`Page Size must be a whole number from 1 to ${PAGE_SIZE}`);
	return { limit, pageSize, simplify: ctx.getNodeParameter('simple', itemIndex, false) === true };
}

/**
 * A write, once per item across n8n's own retries too (Retry On Fail, a
 * retried execution): an item answered before outputs that answer again,
 * and one whose answer was lost is not sent again unless the user said a
 * repeat is harmless. A write that failed clearly is simply sent again.
 */
function sendingOnce(ctx: IExecuteFunctions, itemIndex: number, { client, attempts }: ExecutionRun, call: ElementApiCall, resend: boolean): PreparedCall {
	return async () => {
		const earlier = attempts.earlier<WriteAttempt>(itemIndex);
		if (earlier && 'answered' in earlier) return earlier.answered;
		if (earlier && 'lost' in earlier && !resend) {
			throw new NodeOperationError(ctx.getNode(), `An earlier attempt of this ${call.method} lost its answer, so it is not sent again${itemLabel(ctx, itemIndex)}`, {
				itemIndex,
				description: 'The provider may have carried it out: check there, then run the workflow again, or turn on Resend After Lost Answer where a repeat is harmless',
			});
		}
		const noteLoss = () => attempts.record(itemIndex, { lost: call.method });
		const answered = answerItems(await sendElementApi(client, itemIndex, call, { resend, noteLoss }));
		attempts.record(itemIndex, { answered });
		return answered;
	};
}

function prepareCall(this: IExecuteFunctions, itemIndex: number, run: ExecutionRun): PreparedCall {
	const problems: string[] = [];
	const call = readCall(this, itemIndex, problems);
	const options = this.getNodeParameter('callOptions', itemIndex, {}) as IDataObject;
	if (call.method !== 'GET') {
		if (WITH_BODY.includes(call.method)) call.body = readJsonBody('JSON Body', this.getNodeParameter('jsonBody', itemIndex, '{}'), problems);
		assertNoProblems(this, problems, itemIndex, 'Invalid call');
		return sendingOnce(this, itemIndex, run, call, options.resendAfterLoss === true);
	}
	const { limit, pageSize, simplify } = readPaging(this, itemIndex, call, options, problems);
	assertNoProblems(this, problems, itemIndex, 'Invalid call');
	return async () => {
		const read = await readElementApi(run.client, itemIndex, call, { limit, pageSize });
		if (!('records' in read)) return answerItems(read.answer);
		const records = read.records.map(asRecord);
		return simplify ? records.map(topLevelFields) : records;
	};
}

/** An answer that is no list, as one item: an object as it is, text (or a number) under `data`, nothing as success. */
function answerItems(answer: unknown): IDataObject | IDataObject[] {
	if (Array.isArray(answer)) return answer.map(asRecord);
	if (answer !== null && typeof answer === 'object') return answer as IDataObject;
	if (answer === undefined || answer === '') return { success: true };
	return { data: answer as string };
}

/** A list entry as an item's JSON: an object as it is, anything else under `value`. */
const asRecord = (entry: unknown): IDataObject =>
	entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? (entry as IDataObject) : { value: entry as string };

/** A record's top-level fields that hold a value of their own (not an object or list): short, for a model. */
function topLevelFields(record: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(record).filter(([, value]) => value === null || typeof value !== 'object'));
}

export const callElementApiOperation: Operation = { option, description, prepare: prepareCall };
