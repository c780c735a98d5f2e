import { NodeHelpers, type INodeTypeDescription } from 'n8n-workflow';

import { choosing } from '../../../../nodes/CloudElementsProvision/actions/instance/provision.operation';
import { commonConfiguration, definitionId, elements } from '../../../../nodes/CloudElementsProvision/elements';
import { isSecret } from '../../../../nodes/CloudElementsProvision/helpers/configFields';
import { isSecretKey, presentInstance } from '../../../../nodes/CloudElementsProvision/helpers/secrets';
import { loadPackage } from '../../../harness/engine';

describe('the element definitions', () => {
	it('are listed by display name, as n8n lists options', () => {
		const names = elements.map((element) => element.displayName);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	it('each have their own id, and the definitions of one element the same element name', () => {
		const ids = elements.map(definitionId);
		expect(new Set(ids).size).toBe(ids.length);
		for (const element of elements) {
			const siblings = elements.filter((other) => other.key === element.key);
			expect(new Set(siblings.map((other) => other.elementName ?? other.displayName)).size).toBe(1);
		}
	});
});

// What every registered element gets from the node without further code.
describe.each(elements.map((element) => [element.displayName, element] as const))('%s', (_name, element) => {
	it('has a provisioning operation (or a login of one) showing exactly its fields', async () => {
		const { nodeTypes } = await loadPackage();
		const description = nodeTypes.cloudElementsProvision.type.description as INodeTypeDescription;
		const values = choosing(element);
		const parameters = NodeHelpers.getNodeParameters(description.properties, values, true, false, { typeVersion: 1 }, description)!;
		const shown = description.properties.filter(
			(property) =>
				property.displayOptions?.show?.operation?.length === 1 &&
				NodeHelpers.displayParameter(parameters, property, { typeVersion: 1 }, description),
		);
		expect(shown.map((property) => property.displayName)).toEqual([
			'Instance Name',
			...(Object.keys(values).length > 1 ? ['Authentication'] : []),
			...element.configuration.map((field) => field.displayName),
			// The authorization code flow's own: the customer's callback (a refresh token is the other choice).
			...(element.authentication === 'oauth2' ? ['Authorization', 'Callback Query', 'Expected State', 'Request Token Secret'] : []),
		]);
		expect(shown[0].placeholder).toBe(`e.g. acme-${element.key}`);
	});

	it('uses configuration keys no other element field or common setting uses', () => {
		const keys = [...element.configuration, ...commonConfiguration].map((field) => field.key);
		expect(new Set(keys).size).toBe(keys.length);
	});

	// An OAuth client ID (`oauth.api.key`) is no secret: the provider's authorize URL shows it to anyone.
	it('masks every field that holds a password, key or secret', () => {
		for (const field of element.configuration) {
			if (/password|secret|\.key$/i.test(field.key) && field.key !== 'oauth.api.key') {
				expect(field.typeOptions?.password).toBe(true);
			}
		}
	});

	it('keeps its masked fields out of the output wherever Cloud Elements echoes them', () => {
		const secrets = element.configuration.filter(isSecret);
		for (const field of secrets) expect(isSecretKey(field.key)).toBe(true);
		const echoed = Object.fromEntries(secrets.map((field) => [field.key, `${field.name}-value`]));
		const presented = presentInstance({ id: 1, configuration: echoed, providerData: echoed }, false);
		expect(JSON.stringify(presented)).not.toMatch(/-value/);
	});

	it('uses parameter names no other of its fields uses', () => {
		const names = element.configuration.map((field) => field.name);
		expect(new Set(names).size).toBe(names.length);
	});
});
