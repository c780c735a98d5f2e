import { NodeOperationError, type IDataObject, type IHookFunctions, type NodeApiError } from 'n8n-workflow';

import { clientWithDefaults, readTags } from '../../helpers/parameters';
import type { CloudElementsClient } from '../../transport';
import { findInstance, listInstances } from '../../transport/instances';
import { settingsError } from '../settings';
import { newSignatureKey } from './signature';
import { eventsState, type Subscription } from './state';

/** The configuration entries that route an instance's events (Cloud Elements' event management guide). */
const ENABLED = 'event.notification.enabled';
const CALLBACK_URL = 'event.notification.callback.url';
const SIGNATURE_KEY = 'event.notification.signature.key';
const EVENT_ENTRIES = [ENABLED, CALLBACK_URL, SIGNATURE_KEY];

/** A value read back as asterisks: the platform hides it, so it cannot be put back. */
const isMasked = (value: unknown) => typeof value === 'string' && /^\*+$/.test(value);

/**
 * n8n's webhook lifecycle for the Events trigger. Activation points each
 * chosen instance's events at the workflow's webhook URL, signed with a key
 * made for the workflow; deactivation puts back what each instance had, and
 * only on instances this workflow changed and that still point at it.
 */
export const eventsWebhookMethods = {
	async checkExists(this: IHookFunctions): Promise<boolean> {
		const url = this.getNodeWebhookUrl('default');
		// Without the key (static data lost), instances that still point here would send deliveries that never pass.
		if (!eventsState(this).signatureKey) return false;
		const client = clientWithDefaults(this);
		// An instance chosen since (tagged, say) does not point at the URL yet.
		for (const id of await chosenInstanceIds(this, client)) {
			const configuration = await readEventEntries(client, id);
			if (configuration === undefined || configuration[CALLBACK_URL] !== url || configuration[ENABLED] !== 'true') return false;
		}
		return true;
	},

	async create(this: IHookFunctions): Promise<boolean> {
		const state = eventsState(this);
		const url = this.getNodeWebhookUrl('default') as string;
		const client = clientWithDefaults(this);
		const ids = await chosenInstanceIds(this, client);
		state.signatureKey ??= newSignatureKey();
		// What an earlier activation recorded stays: it is what the instances had before any.
		const subscription: Subscription = { instances: {}, ...state.subscription, url };
		const changed: string[] = [];
		for (const id of ids) {
			try {
				const before = await readEventEntries(client, id);
				if (before === undefined) throw new NodeOperationError(this.getNode(), `Instance ${id} was not found`);
				// Pointing here already with nothing recorded (static data lost): it had nothing of its own.
				subscription.instances[id] ??= before[CALLBACK_URL] === url ? {} : before;
				// Recorded before the change: a change whose answer is lost may still have been made.
				changed.push(id);
				await patchEventEntries(client, id, { [ENABLED]: 'true', [CALLBACK_URL]: url, [SIGNATURE_KEY]: state.signatureKey });
			} catch (error) {
				// Nothing half-changed: the instances done so far get their entries back.
				const stuck = await restoreAll(this, client, subscription, changed);
				state.subscription = Object.keys(subscription.instances).length > 0 ? subscription : undefined;
				throw activationError(this, id, error as Error, stuck);
			}
		}
		state.subscription = subscription;
		return true;
	},

	async delete(this: IHookFunctions): Promise<boolean> {
		const state = eventsState(this);
		const { subscription } = state;
		const failed = subscription ? await restoreAll(this, clientWithDefaults(this), subscription, Object.keys(subscription.instances)) : [];
		if (failed.length > 0) {
			// n8n only logs what deactivation throws, and would not keep the record: keep it (and the
			// key, as the instances still send here), so the next activation and deactivation try again.
			this.logger.error(
				`Cloud Elements Trigger: could not put back the event settings of instance ${failed.join(', ')}; activate and deactivate the workflow again to retry`,
			);
			return true;
		}
		delete state.subscription;
		delete state.signatureKey;
		delete state.seen;
		return true;
	},
};

/** The chosen instances' IDs: as typed, or every instance with the tags now. */
async function chosenInstanceIds(ctx: IHookFunctions, client: CloudElementsClient): Promise<string[]> {
	const problems: string[] = [];
	if (ctx.getNodeParameter('instanceSelection', 'ids') === 'tags') {
		const tags = readTags(ctx.getNodeParameter('tags', []), problems);
		if (problems.length === 0 && tags.length === 0) problems.push('Tags: add at least one tag');
		if (problems.length > 0) throw settingsError(ctx, problems);
		const tagged = await listInstances(client, 0, { tags }, () => true);
		if (tagged.length === 0) {
			throw new NodeOperationError(ctx.getNode(), `No instance carries the tags ${tags.join(', ')}`);
		}
		return tagged.map((instance) => String(instance.id));
	}
	const ids = String(ctx.getNodeParameter('instanceIds', '') ?? '')
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean);
	if (ids.length === 0) problems.push('Instance IDs: enter at least one instance ID');
	const wrong = ids.filter((id) => !/^\d+$/.test(id));
	if (wrong.length > 0) problems.push(`Instance IDs: ${wrong.join(', ')} is not an instance ID (a whole number)`);
	if (problems.length > 0) throw settingsError(ctx, problems);
	return [...new Set(ids)];
}

/** The instance's event entries as they are (absent ones left out), or undefined for an instance that is gone. */
async function readEventEntries(client: CloudElementsClient, id: string): Promise<IDataObject | undefined> {
	const instance = await findInstance(client, 0, id);
	if (instance === undefined) return undefined;
	const configuration = (instance.configuration ?? {}) as IDataObject;
	return Object.fromEntries(EVENT_ENTRIES.filter((key) => key in configuration).map((key) => [key, configuration[key]]));
}

async function patchEventEntries(client: CloudElementsClient, id: string, entries: IDataObject): Promise<void> {
	await client.request(0, { method: 'PATCH', path: `/instances/${id}`, body: { configuration: entries } });
}

/**
 * Puts back the entries recorded for `ids` where the instance still points at
 * the subscription's URL (one pointed elsewhere since is someone else's now),
 * and forgets them; answers the IDs where that failed, which stay recorded.
 */
async function restoreAll(ctx: IHookFunctions, client: CloudElementsClient, subscription: Subscription, ids: string[]): Promise<string[]> {
	const failed: string[] = [];
	for (const id of ids) {
		try {
			const now = await readEventEntries(client, id);
			if (now?.[CALLBACK_URL] === subscription.url) {
				await patchEventEntries(client, id, restoringEntries(ctx, id, subscription.instances[id]));
			} else if (now !== undefined) {
				ctx.logger.info(`Cloud Elements Trigger: instance ${id} sends its events elsewhere now; left as it is`);
			}
			delete subscription.instances[id];
		} catch {
			failed.push(id);
		}
	}
	return failed;
}

/**
 * The entries that put an instance back: as they were; events off, and no
 * URL or key of this workflow's left behind, where the instance had none.
 */
function restoringEntries(ctx: IHookFunctions, id: string, before: IDataObject): IDataObject {
	const entries: IDataObject = { [CALLBACK_URL]: '', [SIGNATURE_KEY]: '', ...before, [ENABLED]: before[ENABLED] ?? 'false' };
	if (isMasked(entries[SIGNATURE_KEY])) {
		delete entries[SIGNATURE_KEY];
		ctx.logger.warn(
			`Cloud Elements Trigger: instance ${id}'s earlier signature key reads back hidden and could not be put back; set it again where its events go`,
		);
	}
	return entries;
}

function activationError(ctx: IHookFunctions, id: string, error: Error, stuck: string[]): NodeOperationError {
	const advice = stuck.length
		? `Instance ${stuck.join(', ')} could not be put back and still sends its events here: check it in Cloud Elements`
		: 'Check the instance ID and that the credential\'s account can change it';
	return new NodeOperationError(ctx.getNode(), `Could not send instance ${id}'s events to this workflow: ${error.message}`, {
		description: [(error as NodeApiError).description, advice].filter(Boolean).join('. '),
	});
}
