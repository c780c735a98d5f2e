import type {
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiRoot, type ApiRootProblem } from '../../../credentials/apiRoot';

export const CREDENTIAL_TYPE = 'cloudElementsApi';

/** What can make requests: a running node, the editor loading options, a trigger's activation, poll or delivery. */
export type RequestContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IPollFunctions
	| IWebhookFunctions;

export interface Connection {
	/** API root, e.g. `https://api.cloud-elements.com/elements/api-v2`. */
	baseUrl: string;
	/** The credential's secrets, to keep out of every error message. */
	secrets: string[];
}

export async function connect(ctx: RequestContext): Promise<Connection> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const secrets = [credentials.userSecret, credentials.organizationSecret].map(String);
	try {
		return { baseUrl: apiRoot(credentials), secrets };
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as ApiRootProblem).message, {
			description: (error as ApiRootProblem).description,
		});
	}
}
