import type { INodeTypeDescription } from 'n8n-workflow';

import { provisionOperation } from '../../../../nodes/CloudElementsProvision/actions/instance/provision.operation';
import { commonConfiguration, elements } from '../../../../nodes/CloudElementsProvision/elements';
import { loadPackage } from '../../../harness/engine';

// What every registered element gets from the node without further code.
describe.each(elements.map((element) => [element.displayName, element] as const))('%s', (_name, element) => {
	it('has its own provisioning operation with exactly its fields', async () => {
		const { nodeTypes } = await loadPackage();
		const { properties } = nodeTypes.cloudElementsProvision.type.description as INodeTypeDescription;
		const operation = provisionOperation(element);
		const own = properties.filter((property) => {
			const shownFor = property.displayOptions?.show?.operation;
			return Array.isArray(shownFor) && shownFor.length === 1 && shownFor[0] === operation;
		});
		expect(own.map((property) => property.displayName)).toEqual([
			'Instance Name',
			...element.configuration.map((field) => field.displayName),
		]);
		expect(own[0].placeholder).toBe(`e.g. acme-${element.key}`);
	});

	it('uses configuration keys no other element field or common setting uses', () => {
		const keys = [...element.configuration, ...commonConfiguration].map((field) => field.key);
		expect(new Set(keys).size).toBe(keys.length);
	});

	it('masks every field that holds a password, key or secret', () => {
		for (const field of element.configuration) {
			if (/password|secret|\.key$/i.test(field.key)) expect(field.typeOptions?.password).toBe(true);
		}
	});
});
