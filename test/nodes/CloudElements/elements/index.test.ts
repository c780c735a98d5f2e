import { NodeHelpers, type INodeTypeDescription } from 'n8n-workflow';

import {
	commonConfiguration,
	definitionFromMetadata,
	elements,
	takesConsent,
	type ConfigurationDefinition,
	type ElementDefinition,
	type Login,
} from '../../../../nodes/CloudElements/elements';
import { call } from '../../../harness/api';
import { loadPackage } from '../../../harness/engine';
import { useFakeCloudElements } from '../../../harness/fake';

const ctx = useFakeCloudElements();

/** Each element's metadata as `GET /elements/{key}/configuration` answers: the fake's, written from Cloud Elements' documents. */
const metadata = new Map<string, ConfigurationDefinition[]>();
beforeAll(async () => {
	for (const { key } of elements) metadata.set(key, (await call(ctx.fake, `/elements/${key}/configuration`)).body as ConfigurationDefinition[]);
});

const documented = (element: ElementDefinition) => definitionFromMetadata(element.key, metadata.get(element.key)!);

const loginsOf = (element: ElementDefinition) => element.logins.map((login) => [`${element.displayName} ${login.name ?? ''}`.trim(), element, login] as const);

describe('the element definitions', () => {
	it('are listed by display name, as n8n lists options', () => {
		const names = elements.map((element) => element.displayName);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	it('each have their own key', () => {
		const keys = elements.map((element) => element.key);
		expect(new Set(keys).size).toBe(keys.length);
	});
});

// What every login of a registered element must agree with: the element's own metadata.
describe.each(elements.flatMap(loginsOf))('%s', (_name, element, login) => {
	const metadataLogin = () => {
		const { logins } = documented(element);
		return logins.length === 1 ? logins[0] : logins.find((candidate) => candidate.type === login.type);
	};

	it('says where its values come from, for the error that names a missing one', () => {
		expect(login.setupHint).toMatch(/\S/);
	});

	it('is a login the element\'s metadata offers, told apart as its metadata tells it', () => {
		expect(metadataLogin()).toBeDefined();
		expect(documented(element).logins.length).toBe(element.logins.length);
	});

	it('asks for every entry the metadata requires of this login, and only entries the metadata lists', () => {
		const documentedLogin = metadataLogin()!;
		const listed = new Set(metadata.get(element.key)!.map((entry) => entry.key));
		const own = login.configuration.map((field) => field.key);
		expect(own.filter((key) => !listed.has(key))).toEqual([]);
		const required = documentedLogin.configuration.filter((field) => field.required).map((field) => field.key);
		expect(required.filter((key) => !own.includes(key))).toEqual([]);
		expect(login.configuration.filter((field) => field.required).map((field) => field.key).sort()).toEqual(
			required.filter((key) => own.includes(key)).sort(),
		);
	});

	it('masks every entry the metadata marks PASSWORD', () => {
		const passwords = metadataLogin()!.configuration.filter((field) => field.typeOptions?.password).map((field) => field.key);
		const masked = login.configuration.filter((field) => field.typeOptions?.password).map((field) => field.key);
		expect(passwords.filter((key) => !masked.includes(key))).toEqual([]);
	});

	it('uses configuration keys and parameter names no other of its fields or the common settings use', () => {
		const fields = [...login.configuration, ...commonConfiguration];
		expect(new Set(fields.map((field) => field.key)).size).toBe(fields.length);
		expect(new Set(fields.map((field) => field.name)).size).toBe(fields.length);
	});
});

describe.each(elements.map((element) => [element.displayName, element] as const))('%s in the editor', (_name, element) => {
	/** The fields a version 2 node shows for this login, in order, as n8n decides it. */
	async function shownFor(login: Login): Promise<string[]> {
		const { nodeTypes } = await loadPackage();
		const description = nodeTypes.cloudElementsProvision.type.description as INodeTypeDescription;
		const operation = `provision${element.key.charAt(0).toUpperCase()}${element.key.slice(1)}`;
		const values = { operation, [`${element.key}Authentication`]: login.type };
		const parameters = NodeHelpers.getNodeParameters(description.properties, values, true, false, { typeVersion: 2 }, description)!;
		return description.properties
			.filter(
				(property) =>
					property.displayOptions?.show?.operation?.length === 1 &&
					NodeHelpers.displayParameter(parameters, property, { typeVersion: 2 }, description),
			)
			.map((property) => property.displayName);
	}

	it('has one provisioning operation showing, for each login, exactly its fields', async () => {
		for (const login of element.logins) {
			expect(await shownFor(login)).toEqual([
				'Instance Name',
				...(element.logins.length > 1 ? ['Authentication'] : []),
				...login.configuration.map((field) => field.displayName),
				// The authorization code flow's own: the customer's callback (a refresh token is the other choice).
				...(takesConsent(login) ? ['Authorization', 'Callback Query', 'Expected State', 'Request Token Secret'] : []),
			]);
		}
	});
});
