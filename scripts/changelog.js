#!/usr/bin/env node
'use strict';

/**
 * Keeps CHANGELOG.md (Keep a Changelog), package.json's version and the git tag together.
 *
 *   node scripts/changelog.js release        npm's `version` script: the [Unreleased] entries become
 *                                            package.json's (new) version, dated today; `npm version`
 *                                            then commits CHANGELOG.md with package.json and tags it
 *   node scripts/changelog.js check 1.2.3    publish.yml: package.json says 1.2.3 and the changelog has
 *                                            its section, so no tag is published without its entries
 *
 * Runs in the package's folder, as npm runs scripts.
 */
const fs = require('node:fs');
const path = require('node:path');

const CHANGELOG = 'CHANGELOG.md';
const UNRELEASED = '## [Unreleased]';
// npm version's default tag-version-prefix; publish.yml listens for v1.2.3 tags.
const TAG_PREFIX = 'v';

/** A version's heading, `## [1.2.3] - 2026-11-23`, or [Unreleased]'s. */
const SECTION_HEADING = /^## \[([^\]]+)\]/gm;

/** https://github.com/owner/repo from package.json's repository, for the compare links. */
function repositoryUrl(manifest) {
	const url = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
	if (!url) throw new Error('package.json has no repository to link the changelog versions to');
	return url.replace(/^git\+/, '').replace(/\.git$/, '');
}

/** The sections in order: { name, start } where start is the heading's offset. */
function sections(text) {
	return [...text.matchAll(SECTION_HEADING)].map((match) => ({ name: match[1], start: match.index }));
}

/**
 * The changelog with [Unreleased]'s entries moved under `## [version] - date`, an empty
 * [Unreleased] above it, and the link references at the bottom pointing at the new tag.
 */
function release(text, { version, date, repository }) {
	const all = sections(text);
	const unreleased = all.findIndex((section) => section.name === 'Unreleased');
	if (unreleased === -1) throw new Error(`${CHANGELOG} has no "${UNRELEASED}" section`);
	if (all.some((section) => section.name === version)) throw new Error(`${CHANGELOG} already has a section for ${version}`);

	const bodyStart = all[unreleased].start + UNRELEASED.length;
	const next = all[unreleased + 1];
	const linksStart = text.search(/^\[Unreleased\]: /m);
	const bodyEnd = next?.start ?? (linksStart === -1 ? text.length : linksStart);
	const entries = text.slice(bodyStart, bodyEnd).trim();
	if (!entries) throw new Error(`${CHANGELOG}: [Unreleased] lists no changes; add them before releasing ${version}`);

	const previous = next?.name;
	const released = `${UNRELEASED}\n\n## [${version}] - ${date}\n\n${entries}\n\n`;
	const withSection = text.slice(0, all[unreleased].start) + released + text.slice(bodyEnd);
	return withLinks(withSection, { version, previous, repository });
}

/** Rewrites the [Unreleased] link to compare from the new tag and adds the new version's link under it. */
function withLinks(text, { version, previous, repository }) {
	const tag = `${TAG_PREFIX}${version}`;
	const versionLink = previous
		? `[${version}]: ${repository}/compare/${TAG_PREFIX}${previous}...${tag}`
		: `[${version}]: ${repository}/releases/tag/${tag}`;
	const links = `[Unreleased]: ${repository}/compare/${tag}...HEAD\n${versionLink}`;
	const existing = /^\[Unreleased\]: .*$/m;
	return existing.test(text) ? text.replace(existing, links) : `${text.trimEnd()}\n\n${links}\n`;
}

/** Why `version` may not be published from this changelog and package.json, or null. */
function publishProblem(text, manifest, version) {
	if (manifest.version !== version) return `the tag says ${version}, package.json says ${manifest.version}`;
	const heading = new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm');
	if (!heading.test(text)) {
		return `${CHANGELOG} has no "## [${version}] - <date>" section: release with \`npm run release -- <version>\`, which writes it`;
	}
	return null;
}

function main([command, version]) {
	const dir = process.cwd();
	const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
	const file = path.join(dir, CHANGELOG);
	const text = fs.readFileSync(file, 'utf8');
	if (command === 'release') {
		const date = new Date().toISOString().slice(0, 10);
		fs.writeFileSync(file, release(text, { version: manifest.version, date, repository: repositoryUrl(manifest) }));
		console.log(`${CHANGELOG}: [Unreleased] is now [${manifest.version}] - ${date}`);
	} else if (command === 'check' && version) {
		const problem = publishProblem(text, manifest, version);
		if (problem) throw new Error(`Not publishing ${version}: ${problem}`);
		console.log(`${version}: package.json and ${CHANGELOG} agree`);
	} else {
		throw new Error('Usage: node scripts/changelog.js release | check <version>');
	}
}

try {
	main(process.argv.slice(2));
} catch (error) {
	console.error(error.message);
	process.exitCode = 1;
}
