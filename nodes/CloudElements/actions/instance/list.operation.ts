import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { assertNoProblems, readElementFilter, readTags, readText } from '../../helpers/parameters';
import { isElement, listInstances, needsAttention } from '../../transport/instances';
import { elementLocator, returnAllAndLimit, tagsProperty } from '../common.descriptions';
import type { ExecutionRun, Operation, PreparedCall } from '../operation';
import { outputInstance, readInstanceOutput } from './output';

const option = {
	name: 'List Instances',
	value: 'listInstances',
	description: 'List Cloud Elements instances, filtered by element, tags or name',
	action: 'List instances',
} satisfies Operation['option'];

const show = { show: { operation: [option.value] } };

const description: INodeProperties[] = [
	...returnAllAndLimit(show.show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show,
		options: [
			elementLocator('Only instances of this element, from your account\'s catalog'),
			{
				displayName: 'Needs Attention',
				name: 'needsAttention',
				type: 'boolean',
				default: false,
				description:
					'Whether to list only instances that are disabled or not valid, e.g. disabled by the platform after their token refresh kept failing, to re-authenticate them',
			},
			{
				displayName: 'Name Contains',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only instances whose name contains this text (case-insensitive)',
			},
			tagsProperty('Only instances that carry every one of these tags'),
		],
	},
];

function prepareList(this: IExecuteFunctions, itemIndex: number, { client }: ExecutionRun): PreparedCall {
	const problems: string[] = [];
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
	if (!returnAll && (!Number.isInteger(limit) || limit < 1)) problems.push('Limit must be a whole number of 1 or more');
	const elementKey = readElementFilter(filters.element, problems);
	const name = readText('Name Contains', filters.name, problems, false).toLowerCase();
	const tags = readTags(filters.tags ?? [], problems);
	const output = readInstanceOutput(this, itemIndex);
	assertNoProblems(this, problems, itemIndex, 'Invalid list filters');

	const onlyNeedingAttention = filters.needsAttention === true;
	const keep = (instance: IDataObject) =>
		(!onlyNeedingAttention || needsAttention(instance)) &&
		(elementKey === undefined || isElement(instance, elementKey)) &&
		String(instance.name ?? '').toLowerCase().includes(name);
	return async () => {
		const found = await listInstances(client, itemIndex, { tags, searchText: name || undefined }, keep, limit);
		return found.map((instance) => outputInstance(instance, output));
	};
}

export const listOperation: Operation = { option, description, outputsInstances: true, prepare: prepareList };
