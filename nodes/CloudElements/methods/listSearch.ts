import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { clientWithDefaults } from '../helpers/parameters';
import { readHeaderWord } from '../helpers/requestFields';
import { getElementsPage } from '../transport/catalog';
import { getDocumentedPaths } from '../transport/elementApi';

/**
 * The element picker: one catalog page per call (n8n asks for the next with
 * the token), filtered by name or key as the user types.
 */
export async function searchElements(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await getElementsPage(clientWithDefaults(this), paginationToken);
	const wanted = (filter ?? '').trim().toLowerCase();
	const results = page.entries
		.filter((element: IDataObject) => element.active !== false && element.deleted !== true)
		.filter(({ name, key }) => !wanted || `${name} ${key}`.toLowerCase().includes(wanted))
		.map(({ name, key }) => ({ name: `${name} (${key})`, value: String(key) }));
	return { results, paginationToken: page.nextPage };
}

/**
 * The Path picker: the paths of the instance's API, from the docs of the
 * instance whose token the node holds (n8n resolves `{{ $json.token }}` from
 * the data the step before last output in the editor), filtered as the user types.
 */
export async function searchElementApiPaths(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const problems: string[] = [];
	const value = this.getCurrentNodeParameter('instanceToken');
	// An expression n8n could not resolve here arrives as it is written.
	const token = typeof value === 'string' && !value.startsWith('=') ? readHeaderWord('Instance Token', value, problems) : '';
	if (!token || problems.length > 0) {
		throw new NodeOperationError(
			this.getNode(),
			"The path list needs the instance's token: run the step before this one so Instance Token has a value, or choose By Path",
			{ level: 'warning' },
		);
	}
	const wanted = (filter ?? '').trim().toLowerCase();
	const results = (await getDocumentedPaths(clientWithDefaults(this), token))
		.filter(({ path, summary }) => !wanted || `${path} ${summary}`.toLowerCase().includes(wanted))
		.map(({ path, methods, summary }) => ({ name: `${path} (${methods.join(', ')})${summary ? `: ${summary}` : ''}`, value: path }));
	return { results };
}
