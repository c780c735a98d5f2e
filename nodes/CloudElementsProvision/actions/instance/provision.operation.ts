import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { elements, loginTitle, takesConsent, type ElementDefinition, type Login } from '../../elements';
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
	return [...byOperation].map(([operation, logins]) => ({ version, element, logins, operation }));
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
function loginChoice({ version, element, logins, operation }: Offer): INodeProperties {
	const choices = logins.map((login) => ({ name: login.name ?? element.displayName, value: loginNames(version, element, login).choice }));
	const defaultChoice = loginNames(version, element, logins[0]).choice;
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
function shownWhen({ version, element, logins, operation }: Offer, login: Login): ShownWhen {
	const choice = loginNames(version, element, login).choice;
	return logins.length > 1 ? { operation: [operation], [loginParameter(element)]: [choice] } : { operation: [operation] };
}

/** A login's own fields, and for the authorization code flow the customer's callback (or a refresh token). */
function loginFields(offer: Offer, login: Login): INodeProperties[] {
	const show = shownWhen(offer, login);
	const names = loginNames(offer.version, offer.element, login);
	return [
		...login.configuration.map((field) => ({ ...configFieldProperty(field, names.parameter(field)), displayOptions: { show } })),
		...(takesConsent(login) ? authorizationFields(show, ['callback', 'refreshToken'], 'callback') : []),
	];
}

/** Reads and checks the item's fields for the login chosen; the returned call provisions the instance. */
function prepareProvision(this: IExecuteFunctions, offer: Offer, itemIndex: number, run: ExecutionRun) {
	const { version, element, logins } = offer;
	const chosen = logins.length > 1 ? this.getNodeParameter(loginParameter(element), itemIndex, '') : undefined;
	const login = logins.find((candidate) => loginNames(version, element, candidate).choice === chosen) ?? logins[0];
	const names = loginNames(version, element, login);
	const problems: string[] = [];
	const configuration = readLoginConfiguration(
		this,
		itemIndex,
		login,
		(field) => this.getNodeParameter(names.parameter(field), itemIndex, field.default),
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
