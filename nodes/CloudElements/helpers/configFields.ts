import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ConfigField } from '../elements';
import { isSecret } from './secrets';

/** The n8n parameter that renders a configuration field under the given name. */
export function configFieldProperty(field: ConfigField, name: string): INodeProperties {
	const property: INodeProperties & { key?: string } = { ...field, name };
	delete property.key;
	return property;
}

function fieldLabel(field: ConfigField): string {
	return `${field.displayName} (${field.key})`;
}

/**
 * Reads each field's value (set by hand or resolved from an expression) into
 * the string form Cloud Elements expects, by configuration key, adding every
 * field that is missing or of the wrong kind to `problems` instead of
 * stopping at the first (never with a secret's value).
 */
export function collectConfiguration(
	fields: ConfigField[],
	read: (field: ConfigField) => unknown,
	problems: string[],
): IDataObject {
	const configuration: IDataObject = {};
	for (const field of fields) {
		const raw = read(field);
		if (isBlank(raw)) {
			if (field.required) problems.push(`${fieldLabel(field)} is missing`);
			continue;
		}
		const value = toConfigValue(field, raw);
		if (typeof value === 'object') problems.push(`${fieldLabel(field)} ${value.problem}`);
		else configuration[field.key] = value;
	}
	return configuration;
}

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Cloud Elements takes every configuration value as a string ("true", "15"). */
function toConfigValue(field: ConfigField, raw: unknown): string | { problem: string } {
	switch (field.type) {
		case 'boolean':
			if (typeof raw === 'boolean') return String(raw);
			if (raw === 'true' || raw === 'false') return raw;
			return { problem: `must be true or false${shown(field, raw)}` };
		case 'number': {
			const value = typeof raw === 'string' ? Number(raw.trim()) : raw;
			if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return String(value);
			return { problem: `must be a number of zero or more${shown(field, raw)}` };
		}
		case 'options': {
			const value = typeof raw === 'number' ? String(raw) : raw;
			const allowed = (field.options ?? []).map((option) => ('value' in option ? String(option.value) : ''));
			if (typeof value === 'string' && allowed.includes(value.trim())) return value.trim();
			return { problem: `must be one of ${allowed.join(', ')}${shown(field, raw)}` };
		}
		default:
			if (typeof raw === 'number') return String(raw);
			if (typeof raw === 'string') return raw.trim();
			return { problem: `must be text, not ${Array.isArray(raw) ? 'a list' : typeof raw}` };
	}
}

/** Echo a wrong value back so it can be found, unless it is a secret. */
function shown(field: ConfigField, raw: unknown): string {
	if (isSecret(field)) return '';
	const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
	return ` (got ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)})`;
}
