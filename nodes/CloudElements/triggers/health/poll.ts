import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { outputInstance } from '../../actions/instance/output';
import { clientWithDefaults, readElementFilter, readTags } from '../../helpers/parameters';
import { isElement, listInstances, needsAttention } from '../../transport/instances';
import { settingsError } from '../settings';

type Change = 'created' | 'deleted' | 'needsAttention' | 'recovered';

/**
 * What the trigger keeps between polls, in the workflow's static data: per
 * instance ID, 1 when it needs attention, else 0 (ten thousand instances take
 * about 110 kB of JSON), and the filters they were listed with.
 */
interface HealthState {
	instances?: Record<string, 0 | 1>;
	filters?: string;
}

/**
 * One poll: lists the instances (paged, as List does), compares them with the
 * last poll and outputs one item per change chosen. The first poll, and the
 * first after the filters changed, only records (other instances are not new
 * ones); a restart carries on from the record, so a break meanwhile is still
 * reported. A failed poll throws before the record changes. In
 * the editor, a test run shows the instances that need attention now.
 */
export async function pollHealth(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const chosen = new Set(this.getNodeParameter('events', []) as Change[]);
	const { tags, keep, fingerprint } = readFilters(this);
	const instances = await listInstances(clientWithDefaults(this), 0, { tags }, keep);

	if (this.getMode() === 'manual') {
		const broken = instances.filter(needsAttention).map((instance) => changeItem('needsAttention', instance));
		return broken.length > 0 ? [broken] : null;
	}
	const state = this.getWorkflowStaticData('node') as HealthState;
	const before = state.filters === fingerprint ? state.instances : undefined;
	state.instances = Object.fromEntries(instances.map((instance) => [String(instance.id), needsAttention(instance) ? 1 : 0]));
	state.filters = fingerprint;
	if (before === undefined) return null;

	const items = [...changesSince(before, instances), ...deletedSince(before, state.instances)]
		.filter(({ change }) => chosen.has(change))
		.map(({ change, instance }) => changeItem(change, instance));
	return items.length > 0 ? [items] : null;
}

function changesSince(before: Record<string, 0 | 1>, instances: IDataObject[]) {
	return instances.flatMap((instance) => {
		const was = before[String(instance.id)];
		const now = needsAttention(instance) ? 1 : 0;
		const changes: Change[] = [];
		if (was === undefined) changes.push('created');
		if (now === 1 && was !== 1) changes.push('needsAttention');
		if (now === 0 && was === 1) changes.push('recovered');
		return changes.map((change) => ({ change, instance }));
	});
}

function deletedSince(before: Record<string, 0 | 1>, now: Record<string, 0 | 1>) {
	return Object.keys(before)
		.filter((id) => !(id in now))
		.map((id) => ({ change: 'deleted' as const, instance: { id: Number(id) } as IDataObject }));
}

/** The change and the instance as List's Simplify shows it (no token), with its health. */
function changeItem(change: Change, instance: IDataObject): INodeExecutionData {
	if (change === 'deleted') return { json: { change, id: instance.id } };
	const simplified = outputInstance(instance, { simplify: true, includeToken: false, includeSecrets: false });
	return { json: { change, ...simplified, valid: instance.valid, disabled: instance.disabled } };
}

/** The Filters: tags to list by, which listed instances to keep (the element), and both as one text. */
function readFilters(ctx: IPollFunctions): { tags: string[]; keep: (instance: IDataObject) => boolean; fingerprint: string } {
	const problems: string[] = [];
	const filters = ctx.getNodeParameter('filters', {}) as IDataObject;
	const elementKey = readElementFilter(filters.element, problems);
	const tags = readTags(filters.tags ?? [], problems);
	if (problems.length > 0) throw settingsError(ctx, problems);
	return {
		tags,
		keep: (instance) => elementKey === undefined || isElement(instance, elementKey),
		fingerprint: JSON.stringify({ elementKey, tags }),
	};
}
