import type { ElementDefinition } from '../../../../nodes/CloudElementsProvision/elements';

/** What a definition asks for, as Cloud Elements sees it: each field's key, where it goes, whether required or secret. */
export function fieldsOf(element: ElementDefinition) {
	return element.configuration.map(({ key, in: target, required, typeOptions, default: value }) => ({
		key,
		in: target ?? 'configuration',
		required: required === true,
		secret: typeOptions?.password === true,
		default: value,
	}));
}

/** The one-off tag that lets a retried create find an instance whose answer was lost. */
export const marker = expect.stringMatching(/^n8n-provision:[0-9a-f-]{36}$/);
