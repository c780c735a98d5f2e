import type { INodeProperties } from 'n8n-workflow';

import { elementLocator, tagsProperty } from '../../actions/common.descriptions';

export const healthTriggerProperties: INodeProperties[] = [
	{
		displayName: 'Trigger On',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: [
			{ name: 'Instance Created', value: 'created' },
			{ name: 'Instance Deleted', value: 'deleted' },
			{
				name: 'Instance Needs Attention',
				value: 'needsAttention',
				description: 'It became disabled or not valid, e.g. its token refresh kept failing: re-authenticate it',
			},
			{ name: 'Instance Recovered', value: 'recovered', description: 'It is enabled and valid again' },
		],
		default: ['needsAttention', 'recovered'],
		description: 'Which changes start the workflow, found by comparing each poll with the one before',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			elementLocator('Only instances of this element, from your account\'s catalog'),
			tagsProperty('Only instances that carry every one of these tags'),
		],
	},
];
