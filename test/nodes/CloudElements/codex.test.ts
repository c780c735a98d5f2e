import { readRepoFile } from '../../harness/workspace';

const manifest = JSON.parse(readRepoFile('package.json'));
/** Each node the package declares, with its codex file (beside its source) and the type name n8n gives it. */
const nodes = (manifest.n8n.nodes as string[]).map((built) => {
	const file = built.replace(/^dist\//, '').replace(/\.js$/, '.json');
	const className = file.split('/').at(-1)!.replace('.node.json', '');
	return { file, typeName: `${manifest.name}.${className.charAt(0).toLowerCase()}${className.slice(1)}`, codex: JSON.parse(readRepoFile(file)) };
});
const readme = readRepoFile('README.md');

/** https://github.com/owner/repo, as package.json's repository names it. */
const repositoryPage = manifest.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

/**
 * The anchors GitHub gives the README's headings: lower case, punctuation dropped, each space a
 * hyphen, and -1, -2, … on repeats. Headings inside code blocks are not headings.
 */
function readmeAnchors(markdown: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	const outsideCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
	for (const [, heading] of outsideCode.matchAll(/^#{1,6} (.+)$/gm)) {
		const slug = heading
			.toLowerCase()
			.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
			.replace(/ /g, '-');
		const repeats = seen.get(slug) ?? 0;
		seen.set(slug, repeats + 1);
		anchors.add(repeats ? `${slug}-${repeats}` : slug);
	}
	return anchors;
}

describe.each(nodes)('$file (the codex file n8n reads for the node’s documentation links)', ({ codex, typeName }) => {
	it('names the node as n8n loads it from this package', () => {
		expect(codex.node).toBe(typeName);
	});

	it('has a primary and a credential documentation link', () => {
		expect(codex.resources.primaryDocumentation).toHaveLength(1);
		expect(codex.resources.credentialDocumentation).toHaveLength(1);
	});

	const links: string[] = Object.values(codex.resources as Record<string, Array<{ url: string }>>)
		.flat()
		.map(({ url }) => url);
	it.each(links)('links %s: a section of the README on the repository’s page', (url) => {
		const [page, anchor] = url.split('#');
		expect(page).toBe(repositoryPage);
		expect([...readmeAnchors(readme)]).toContain(anchor);
	});
});

describe('README anchors that the changelog and the README itself link to', () => {
	const linkedAnchors = new Set([
		...[...readRepoFile('CHANGELOG.md').matchAll(/\(README\.md#([^)]+)\)/g)].map((match) => `CHANGELOG.md → ${match[1]}`),
		...[...readme.matchAll(/\]\(#([^)]+)\)/g)].map((match) => `README.md → ${match[1]}`),
	]);

	it.each([...linkedAnchors])('%s exists', (link) => {
		expect([...readmeAnchors(readme)]).toContain(link.split(' → ')[1]);
	});
});
