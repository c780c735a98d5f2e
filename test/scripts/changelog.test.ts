import { copyRepoFiles, readFile, readRepoFile, run, useTempFolder, writeFiles } from '../harness/workspace';

const manifest = JSON.parse(readRepoFile('package.json'));
const REPO = 'https://github.com/n8n-nodes-cloud-elements/n8n-nodes-cloud-elements';

// Each test releases in its own git repository: the package's real scripts, .npmrc and changelog tool.
const tmp = useTempFolder('ce-changelog-test-');

// git as a fresh machine has it: no user or system settings, an identity for npm version's commit.
const GIT_ENV = {
	GIT_CONFIG_GLOBAL: '/dev/null',
	GIT_CONFIG_NOSYSTEM: '1',
	GIT_AUTHOR_NAME: 'Release Test',
	GIT_AUTHOR_EMAIL: 'release@example.com',
	GIT_COMMITTER_NAME: 'Release Test',
	GIT_COMMITTER_EMAIL: 'release@example.com',
};

const inRepo = (command: string, args: string[]) => run(command, args, { cwd: tmp.dir, env: GIT_ENV });
const git = (...args: string[]) => inRepo('git', args).stdout.trim();
const today = () => new Date().toISOString().slice(0, 10);

/** A git repository at `version` with the package's release scripts and the given CHANGELOG.md, all committed. */
function repository(version: string, changelog?: string) {
	const { name, repository: repo, scripts } = manifest;
	writeFiles(tmp.dir, { 'package.json': JSON.stringify({ name, version, repository: repo, scripts }, null, 2) });
	copyRepoFiles(tmp.dir, ['.npmrc', 'scripts/changelog.js', 'CHANGELOG.md']);
	if (changelog !== undefined) writeFiles(tmp.dir, { 'CHANGELOG.md': changelog });
	git('init', '--quiet');
	git('add', '--all');
	git('commit', '--quiet', '--message', 'start');
}

const SECOND_RELEASE = `# Changelog

## [Unreleased]

### Fixed

- Update Instance keeps the tags.

## [0.1.0] - 2026-11-01

### Added

- The node.

[Unreleased]: ${REPO}/compare/v0.1.0...HEAD
[0.1.0]: ${REPO}/releases/tag/v0.1.0
`;

describe('npm run release (npm version with scripts/changelog.js as its version script)', () => {
	it('makes [Unreleased] the new version, commits it with package.json and tags that commit', () => {
		repository('0.1.0', SECOND_RELEASE);
		const before = today();

		const released = inRepo('npm', ['run', 'release', '--', 'minor']);

		expect(released.status).toBe(0);
		const changelog = readFile(tmp.dir, 'CHANGELOG.md');
		const date = changelog.match(/^## \[0\.2\.0\] - (\S+)$/m)?.[1];
		expect([before, today()]).toContain(date);
		expect(changelog).toBe(`# Changelog

## [Unreleased]

## [0.2.0] - ${date}

### Fixed

- Update Instance keeps the tags.

## [0.1.0] - 2026-11-01

### Added

- The node.

[Unreleased]: ${REPO}/compare/v0.2.0...HEAD
[0.2.0]: ${REPO}/compare/v0.1.0...v0.2.0
[0.1.0]: ${REPO}/releases/tag/v0.1.0
`);
		expect(JSON.parse(readFile(tmp.dir, 'package.json')).version).toBe('0.2.0');
		expect(git('tag', '--points-at', 'HEAD')).toBe('v0.2.0');
		expect(git('show', 'v0.2.0:CHANGELOG.md')).toBe(changelog.trim());
		expect(git('status', '--porcelain')).toBe('');
	});

	it('releases the repository’s own changelog as the first version, linking its tag', () => {
		repository('0.1.0');
		const unreleased = readRepoFile('CHANGELOG.md').split('## [Unreleased]')[1].split('\n[Unreleased]: ')[0].trim();
		expect(unreleased).toMatch(/^### Added\n\n- /);

		const released = inRepo('npm', ['run', 'release', '--', '0.1.0', '--allow-same-version']);

		expect(released.status).toBe(0);
		const changelog = readFile(tmp.dir, 'CHANGELOG.md');
		expect(changelog).toContain(`## [Unreleased]\n\n## [0.1.0] - ${today()}\n\n${unreleased}\n\n[Unreleased]: `);
		expect(changelog).toMatch(
			new RegExp(
				`\\n\\[Unreleased\\]: ${REPO}/compare/v0\\.1\\.0\\.\\.\\.HEAD\\n\\[0\\.1\\.0\\]: ${REPO}/releases/tag/v0\\.1\\.0\\n$`,
			),
		);
		expect(git('tag', '--points-at', 'HEAD')).toBe('v0.1.0');
	});

	it('refuses to release when [Unreleased] lists nothing, and makes no commit or tag', () => {
		repository('0.2.0', SECOND_RELEASE.replace('### Fixed\n\n- Update Instance keeps the tags.\n\n', ''));

		const released = inRepo('npm', ['run', 'release', '--', 'patch']);

		expect(released.status).not.toBe(0);
		expect(released.output).toContain('CHANGELOG.md: [Unreleased] lists no changes; add them before releasing 0.2.1');
		expect(git('tag')).toBe('');
		expect(git('log', '--format=%s')).toBe('start');
	});
});

describe('node scripts/changelog.js check <version> (publish.yml, before npm publish)', () => {
	const check = (version: string) => inRepo('node', ['scripts/changelog.js', 'check', version]);

	it('passes a version released with npm run release', () => {
		repository('0.1.0', SECOND_RELEASE);
		inRepo('npm', ['run', 'release', '--', 'patch']);

		const checked = check('0.1.1');

		expect(checked.output).toContain('0.1.1: package.json and CHANGELOG.md agree');
		expect(checked.status).toBe(0);
	});

	it('refuses a tag made by a bare npm version, which .npmrc’s ignore-scripts keeps from writing the changelog', () => {
		repository('0.1.0', SECOND_RELEASE);
		inRepo('npm', ['version', 'patch']);
		expect(git('tag', '--points-at', 'HEAD')).toBe('v0.1.1');

		const checked = check('0.1.1');

		expect(checked.output).toContain('Not publishing 0.1.1: CHANGELOG.md has no "## [0.1.1] - <date>" section');
		expect(checked.status).toBe(1);
	});

	it('refuses a tag that is not package.json’s version', () => {
		repository('0.1.0', SECOND_RELEASE);

		const checked = check('0.1.2');

		expect(checked.output).toContain('Not publishing 0.1.2: the tag says 0.1.2, package.json says 0.1.0');
		expect(checked.status).toBe(1);
	});
});
