import { pardot } from '../../../../nodes/CloudElementsProvision/elements/pardot';

// As on Cloud Elements' "Create Instance" page for Pardot.
describe('Pardot definition', () => {
	it('sends the documented configuration keys, secrets masked, version 3 or 4 defaulting to 3', () => {
		expect(pardot.key).toBe('pardot');
		expect(
			pardot.configuration.map(({ key, required, typeOptions, default: value }) => ({
				key,
				required: required === true,
				secret: typeOptions?.password === true,
				default: value,
			})),
		).toEqual([
			{ key: 'apikey.user.name', required: true, secret: false, default: '' },
			{ key: 'apikey.user.password', required: true, secret: true, default: '' },
			{ key: 'apikey.user.key', required: true, secret: true, default: '' },
			{ key: 'provider.version', required: false, secret: false, default: '3' },
		]);
		expect(pardot.configuration[3].options).toEqual([
			{ name: '3', value: '3' },
			{ name: '4', value: '4' },
		]);
	});
});
