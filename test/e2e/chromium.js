'use strict';

/** Debian's Chromium (scripts/install-chromium.sh) as the browser tests launch it. */
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Headless as root on a closed network: without the background-networking
// flags Chromium keeps trying (and failing) to reach Google's hosts.
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

module.exports = { CHROMIUM, CHROMIUM_ARGS };
