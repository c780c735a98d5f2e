import {
	interruptScript,
	listFolder,
	readFile,
	readRepoFile,
	removeFiles,
	runScript,
	useTempFolder,
	writeFiles,
} from '../harness/workspace';

const manifest = JSON.parse(readRepoFile('package.json'));

const CLEAN_NODE_JS = `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Fixture = void 0;
class Fixture {
}
exports.Fixture = Fixture;
`;

// Each test's folder holds the fixture package and is the scan's TMPDIR, so the test sees all the scan wrote there.
const tmp = useTempFolder('ce-scan-test-');
const packageDir = () => `${tmp.dir}/package`;

/** A community package with this repository's package.json, naming one compiled node file. */
function fixture(files: Record<string, string> = {}): string {
	const packageJson = {
		...manifest,
		scripts: {},
		devDependencies: {},
		n8n: {
			...manifest.n8n,
			credentials: [],
			nodes: ['dist/nodes/Fixture/Fixture.node.js'],
		},
	};
	writeFiles(packageDir(), {
		'package.json': JSON.stringify(packageJson, null, 2),
		'dist/nodes/Fixture/Fixture.node.js': CLEAN_NODE_JS,
		...files,
	});
	return packageDir();
}

const scan = (dir: string) => runScript('scripts/scan.js', [dir], { env: { TMPDIR: tmp.dir } });

/** What the scan left in the temp directory besides the fixture. */
const leftInTmp = () => listFolder(tmp.dir).filter((entry) => entry !== 'package');

describe('npm run scan (scripts/scan.js)', () => {
	it('passes a clean package, naming both of the scanner’s lint passes, and leaves nothing behind', () => {
		const { status, output } = scan(fixture());

		expect(output).toMatch(/✅ source \(package\.json, \{nodes,credentials\}\/\*\*\/\*\.\{js,ts,json\}\): 1 files/);
		expect(output).toMatch(/✅ packed package \(\*\*\/\*\.js, package\.json\): 2 files/);
		expect(status).toBe(0);
		expect(leftInTmp()).toEqual([]);
	});

	it('fails on a violation in the packed .js, as the scanner’s tarball pass does, and still leaves nothing behind', () => {
		const { status, output } = scan(
			fixture({
				'dist/nodes/Fixture/Fixture.node.js': `${CLEAN_NODE_JS}console.log('debug');\n`,
			}),
		);

		expect(output).toMatch(/✅ source/);
		expect(output).toMatch(/❌ packed package .*ESLint violations found/);
		expect(output).toMatch(/dist\/nodes\/Fixture\/Fixture\.node\.js\n\s+7:1\s+error\s+Unexpected console statement\s+no-console/);
		expect(status).toBe(1);
		expect(leftInTmp()).toEqual([]);
	});

	it('fails on a violation in source that is not packed, as the scanner’s source pass does', () => {
		const { status, output } = scan(
			fixture({
				'nodes/Fixture/Fixture.node.ts': "export class Fixture {}\nconsole.log('debug');\n",
			}),
		);

		expect(output).toMatch(/❌ source .*ESLint violations found/);
		expect(output).toMatch(/nodes\/Fixture\/Fixture\.node\.ts\n\s+2:1\s+error\s+Unexpected console statement\s+no-console/);
		expect(output).toMatch(/✅ packed package/);
		expect(status).toBe(1);
	});

	it('fails when package.json breaks the scanner’s package rules', () => {
		const dir = fixture();
		const { n8n, ...withoutN8n } = JSON.parse(readFile(dir, 'package.json'));
		expect(n8n).toBeDefined();
		writeFiles(dir, { 'package.json': JSON.stringify(withoutN8n) });

		const { status, output } = scan(dir);

		expect(output).toMatch(/must contain an "n8n" object/);
		expect(status).toBe(1);
	});

	it('fails, rather than lint nothing, when the package is not built', () => {
		const dir = fixture();
		removeFiles(dir, 'dist');

		const { status, output } = scan(dir);

		expect(output).toMatch(/The packed package holds no \.js files: run `npm run build` first/);
		expect(output).not.toMatch(/✅ packed package/);
		expect(status).toBe(1);
		expect(leftInTmp()).toEqual([]);
	});

	it('removes its temp folder when stopped with SIGTERM', async () => {
		const exitCode = await interruptScript('scripts/scan.js', [fixture()], {
			env: { TMPDIR: tmp.dir },
			started: () => leftInTmp().length > 0,
		});

		expect(exitCode).toBe(1);
		expect(leftInTmp()).toEqual([]);
	});
});
