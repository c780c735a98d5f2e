import { autopilot } from '../../../../nodes/CloudElementsProvision/elements/autopilot';

// As on Cloud Elements' "Create Instance" page for Autopilot.
describe('Autopilot definition', () => {
	it('sends the API key as api.key, required and masked', () => {
		expect(autopilot.key).toBe('autopilot');
		expect(autopilot.configuration).toEqual([
			expect.objectContaining({ key: 'api.key', required: true, typeOptions: { password: true } }),
		]);
	});
});
