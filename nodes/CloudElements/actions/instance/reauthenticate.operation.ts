import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readJsonObject, readSecretEntries } from '../../helpers/entries';
import { assertNoProblems, readInstanceId } from '../../helpers/parameters';
import { outputInstance, readInstanceOutput } from './output';
import type { ExecutionRun, Operation, PreparedCall } from '../operation';
import { instanceIdField, secretConfigurationField } from '../common.descriptions';
import { authorizationFields, readAuthorization } from './authorization';
import { instanceProblem } from '../../transport/instances';

const option = {
	name: 'Re-Authenticate Instance',
	value: 'reauthenticateInstance',
	description:
		"Give a broken instance new credentials (an OAuth element a fresh code, a key-based one its new keys), keeping its ID and token",
	action: 'Re-authenticate an instance',
} satisfies Operation['option'];

const show = { show: { operation: [option.value] } };

/** Tokens of the old authorization: the platform documents dropping them before re-authenticating. */
const STALE_TOKENS = ['oauth.user.token', 'oauth.user.refresh_token'];

const description: INodeProperties[] = [
	instanceIdField([option.value]),
	...authorizationFields({ operation: [option.value] }, ['callback', 'configuration'], 'callback'),
	{
		displayName: 'New Configuration (JSON)',
		name: 'configurationJson',
		type: 'json',
		default: '{}',
		description: 'Configuration entries to change, e.g. {"api.version": "2.0"}; the others keep their values',
		displayOptions: show,
	},
	secretConfigurationField({
		displayName: 'New Secret Configuration',
		description: 'Secret entries to change (API keys, passwords, client secrets), kept masked',
		operations: [option.value],
		entry: { displayName: 'Entry', name: 'key', type: 'string', default: '', placeholder: 'e.g. api.key' },
	}),
];

/**
 * `PUT /instances/{id}` with the instance as it is, less its stale tokens,
 * plus the new entries: with an OAuth callback's code as `providerData` and
 * `?reAuthenticate=true`, as the platform documents it, otherwise the new
 * keys alone. The instance keeps its ID and token.
 */
function prepareReauthenticate(this: IExecuteFunctions, itemIndex: number, { client }: ExecutionRun): PreparedCall {
	const problems: string[] = [];
	const id = readInstanceId(this, itemIndex, problems);
	const authorization = readAuthorization(this, itemIndex, problems);
	const secretEntries = readSecretEntries(this, itemIndex, problems);
	const changes = { ...readJsonObject(this, 'configurationJson', itemIndex, 'New Configuration (JSON)', problems), ...secretEntries };
	if (!authorization.providerData && Object.keys(changes).length === 0) {
		problems.push('Set the new configuration entries, or choose OAuth Callback');
	}
	const output = readInstanceOutput(this, itemIndex);
	assertNoProblems(this, problems, itemIndex, 'Invalid fields');
	// Secret entries typed in by key are secrets whatever their key says.
	const secretKeys = new Set(Object.keys(secretEntries));

	return async () => {
		const path = `/instances/${id}`;
		const current = await client.request<IDataObject>(itemIndex, { method: 'GET', path, checkBody: instanceProblem });
		const configuration = Object.fromEntries(
			Object.entries((current.configuration as IDataObject | undefined) ?? {}).filter(([key]) => !STALE_TOKENS.includes(key)),
		);
		const sent = { ...configuration, ...changes };
		const body: IDataObject = {
			element: { key: (current.element as IDataObject | undefined)?.key },
			name: current.name,
			configuration: sent,
			...(authorization.providerData && { providerData: authorization.providerData }),
		};
		const updated = await client.request<IDataObject>(itemIndex, {
			method: 'PUT',
			path,
			qs: authorization.providerData ? { reAuthenticate: true } : undefined,
			body,
			secretKeys,
			checkBody: instanceProblem,
		});
		return outputInstance(updated, output, secretKeys);
	};
}

export const reauthenticateOperation: Operation = { option, description, outputsInstances: true, prepare: prepareReauthenticate };
