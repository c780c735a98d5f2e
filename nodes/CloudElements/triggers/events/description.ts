import type { INodeProperties } from 'n8n-workflow';

import { tagsProperty } from '../../actions/common.descriptions';

/** The event types Cloud Elements normalizes every element's events to. */
export const EVENT_TYPES = ['CREATED', 'DELETED', 'UNKNOWN', 'UPDATED'] as const;

export const eventsTriggerProperties: INodeProperties[] = [
	{
		displayName:
			'Activating the workflow turns on events for the chosen instances and points them at this workflow; deactivating it puts back what they had before',
		name: 'activationNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Instances',
		name: 'instanceSelection',
		type: 'options',
		options: [
			{ name: 'By ID', value: 'ids', description: 'The instances with these IDs' },
			{
				name: 'By Tags',
				value: 'tags',
				description: 'Every instance that carries all of these tags when the workflow is activated',
			},
		],
		default: 'ids',
		description: 'Which instances send their events to this workflow',
	},
	{
		displayName: 'Instance IDs',
		name: 'instanceIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 12345, 12346',
		description: 'IDs of the instances whose events start the workflow, separated by commas',
		displayOptions: { show: { instanceSelection: ['ids'] } },
	},
	{
		...tagsProperty('Every instance that carries all of these tags when the workflow is activated (instances tagged later join at the next activation)'),
		displayOptions: { show: { instanceSelection: ['tags'] } },
	},
	{
		displayName: 'Event Types',
		name: 'eventTypes',
		type: 'multiOptions',
		options: EVENT_TYPES.map((type) => ({ name: type.charAt(0) + type.slice(1).toLowerCase(), value: type })),
		default: [],
		description: 'Which events to pass on; none chosen passes on every type',
	},
	{
		displayName: 'Object Types',
		name: 'objectTypes',
		type: 'string',
		default: '',
		placeholder: 'e.g. contacts, leads',
		description:
			'Which objects\' events to pass on, as the element names them, separated by commas (case does not matter); empty passes on every object type',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'One Item per Delivery', value: 'delivery', description: 'The delivery as sent: its events together, and the element\'s raw payload' },
			{ name: 'One Item per Event', value: 'event', description: 'Each event with its instance and delivery IDs' },
		],
		default: 'event',
	},
];
