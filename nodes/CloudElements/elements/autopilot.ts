import type { ElementDefinition } from './types';

/** Autopilot, authenticated with an API key, as on Cloud Elements' "Create Instance" page. */
export const autopilot: ElementDefinition = {
	key: 'autopilot',
	displayName: 'Autopilot',
	logins: [
		{
			setupHint: 'In Autopilot, go to Settings > Autopilot API and generate an API key',
			configuration: [
				{
					displayName: 'API Key',
					name: 'apiKey',
					key: 'api.key',
					type: 'string',
					typeOptions: { password: true },
					required: true,
					default: '',
					description: 'Autopilot API key: Settings > Autopilot API > Generate API Key',
				},
			],
		},
	],
};
