const { src, dest, task } = require('gulp');

/**
 * tsc emits only JavaScript and the codex JSON; n8n resolves `file:` icon
 * paths relative to the compiled files, so the SVGs must sit in dist/ too.
 */
function copyIcons() {
	return src('icons/*.svg').pipe(dest('dist/icons'));
}

task('build:icons', copyIcons);
