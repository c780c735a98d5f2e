import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { elements, loginTitle, takesConsent, type ConfigField, type ElementDefinition, type Login } from '../../elements';
import { configFieldProperty } from '../../helpers/configFields';
import { assertNoProblems } from '../../helpers/parameters';
import type { ExecutionRun, Operation } from '../operation';
import { CURRENT_VERSION, inVersion, loginNames, loginParameter, namedAlike, NODE_VERSIONS, type NodeVersion } from '../versions';
import { authorizationFields, NO_AUTHORIZATION, readAuthorization, type ShownWhen } from './authorization';
import { instanceBody, instanceNameField, provisionCall, readLoginConfiguration, readProvisioning } from './provisioning';

/** One element's logins that a node version offers in one operation. */
interface Offer {
	version: NodeVersion;
	element: ElementDefinition;
	logins: Login[];
	operation: string;
	/** What each login is called in this version, worked out once rather than for every item. */
	names: Map<Login, { choice: string; parameters: Map<ConfigField, string> }>;
}

/**
 * The provisioning operations of each node version: one per element in
 * version 2, one per operation version 1 had. An element both versions name
 * alike has the same operations in both.
 */
export const provisionOperations = operationsByVersion();

function operationsByVersion(): Map<NodeVersion, Operation[]> {
	const byVersion = new Map(NODE_VERSIONS.map((version) => [version, [] as Operation[]]));
	for (const element of elements) {
		if (namedAlike(element)) {
			const shared = offersOf(CURRENT_VERSION, element).map(provisionOperation);
			for (const version of NODE_VERSIONS) byVersion.get(version)!.push(...shared);
		} else {
			for (const version of NODE_VERSIONS) byVersion.get(version)!.push(...offersOf(version, element).map(provisionOperation));
		}
	}
	return byVersion;
}

function offersOf(version: NodeVersion, element: ElementDefinition): Offer[] {
	const byOperation = new Map<string, Login[]>();
	for (const login of element.logins) {
		const { operation } = loginNames(version, element, login);
		byOperation.set(operation, [...(byOperation.get(operation) ?? []), login]);
	}
	return [...byOperation].map(([operation, logins]) => ({ version, element, logins, operation, names: namesOf(version, element, logins) }));
}

function namesOf(version: NodeVersion, element: ElementDefinition, logins: Login[]): Offer['names'] {
	return new Map(
		logins.map((login) => {
			const { choice, parameter } = loginNames(version, element, login);
			return [login, { choice, parameters: new Map(login.configuration.map((field) => [field, parameter(field)])) }];
		}),
	);
}

/** The operation, its fields shown to its version only where the versions name them apart. */
function provisionOperation(offer: Offer): Operation {
	const { version, element, logins, operation } = offer;
	const title = logins.length === 1 && element.logins.length > 1 ? `${element.displayName} (${logins[0].name})` : element.displayName;
	const fields = [
		instanceNameField([operation], element.key),
		...(logins.length > 1 ? [loginChoice(offer)] : []),
		...logins.flatMap((login) => loginFields(offer, login)),
	];
	return {
		option: {
			name: `Provision ${title} Instance`,
			value: operation,
			description: `Connect a customer's ${element.displayName} account to Cloud Elements and get the instance token`,
			action: `Provision ${/^[aeiou]/i.test(title) ? 'an' : 'a'} ${title} instance`,
		},
		outputsInstances: true,
		provisions: true,
		description: namedAlike(element) ? fields : inVersion(version, fields),
		prepare(this: IExecuteFunctions, itemIndex: number, run: ExecutionRun) {
			return prepareProvision.call(this, offer, itemIndex, run);
		},
	};
}

/** The Authentication choice of an element with several logins; the first is the default. */
function loginChoice({ element, logins, operation, names }: Offer): INodeProperties {
	const choices = logins.map((login) => ({ name: login.name ?? element.displayName, value: names.get(login)!.choice }));
	const defaultChoice = names.get(logins[0])!.choice;
	return {
		displayName: 'Authentication',
		name: loginParameter(element),
		type: 'options',
		default: defaultChoice,
		options: choices,
		description: "How the customer's account is logged in to",
		displayOptions: { show: { operation: [operation] } },
	};
}

/** Where a login's fields show: its operation, and its choice where the operation offers several. */
function shownWhen({ element, logins, operation, names }: Offer, login: Login): ShownWhen {
	const { choice } = names.get(login)!;
	return logins.length > 1 ? { operation: [operation], [loginParameter(element)]: [choice] } : { operation: [operation] };
}

/** A login's own fields, and for the authorization code flow the customer's callback (or a refresh token). */
function loginFields(offer: Offer, login: Login): INodeProperties[] {
	const show = shownWhen(offer, login);
	const { parameters } = offer.names.get(login)!;
	return [
		...login.configuration.map((field) => ({ ...configFieldProperty(field, parameters.get(field)!), displayOptions: { show } })),
		...(takesConsent(login) ? authorizationFields(show, ['callback', 'refreshToken'], 'callback') : []),
	];
}

/** Reads and checks the item's fields for the login chosen; the returned call provisions the instance. */
function prepareProvision(this: IExecuteFunctions, offer: Offer, itemIndex: number, run: ExecutionRun) {
	const { element, logins, names } = offer;
	const chosen = logins.length > 1 ? this.getNodeParameter(loginParameter(element), itemIndex, '') : undefined;
	const login = logins.find((candidate) => names.get(candidate)!.choice === chosen) ?? logins[0];
	const { parameters } = names.get(login)!;
	const problems: string[] = [];
	const configuration = readLoginConfiguration(
		this,
		itemIndex,
		login,
		(field) => this.getNodeParameter(parameters.get(field)!, itemIndex, field.default),
		problems,
	);
	const authorization = takesConsent(login) ? readAuthorization(this, itemIndex, problems) : NO_AUTHORIZATION;
	const { name, tags, ...policy } = readProvisioning(this, itemIndex, problems);
	assertNoProblems(this, problems, itemIndex, `Missing or invalid ${loginTitle(element, login)} fields`, login.setupHint);

	return provisionCall(this, {
		...policy,
		element,
		instance: instanceBody(element, login, configuration, authorization, { name, tags }),
		itemIndex,
		run,
	});
}
