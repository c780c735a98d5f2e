import { MASK, presentInstance } from '../../../../nodes/CloudElements/helpers/secrets';

describe('presentInstance', () => {
	// Cloud Elements' OAuth pages show the create response echoing providerData.
	it('masks the secrets of providerData as those of the configuration', () => {
		const instance = {
			id: 1,
			configuration: { 'oauth.api.secret': 'client-secret-value', 'base.url': 'https://api.example.com' },
			providerData: { oauth_token: 'oauth-token-value', secret: 'token-secret-value', realmId: '4620816365' },
		};
		expect(presentInstance(instance, false)).toEqual({
			id: 1,
			configuration: { 'oauth.api.secret': MASK, 'base.url': 'https://api.example.com' },
			providerData: { oauth_token: MASK, secret: MASK, realmId: '4620816365' },
		});
	});

	it('outputs the instance as it is when secrets are asked for, and leaves out what it lacks', () => {
		const instance = { id: 1, providerData: { code: 'code-value' } };
		expect(presentInstance(instance, true)).toBe(instance);
		expect(presentInstance({ id: 2, configuration: null }, false)).toEqual({ id: 2, configuration: null });
	});
});
