'use strict';

/**
 * Whatever a process starts must not outlive it, however it ends: SIGKILL or a
 * crash runs no clean-up of its own. So the first call here starts a watchdog
 * process, in a session of its own (a terminal's hangup or a signal to our
 * process group does not reach it), and tells it over an IPC channel which
 * process groups and temp folders are ours. The channel closes when this
 * process ends; the watchdog then stops the groups still listed, removes the
 * folders, and exits.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');

// Time the groups get to stop after SIGTERM (n8n finishes its shutdown), then after SIGKILL.
const GRACE_MS = 20_000;
const KILL_WAIT_MS = 5_000;

let watchdog;

function tell(message) {
	if (!watchdog) {
		watchdog = spawn(process.execPath, [__filename], { detached: true, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
		// Neither the watchdog nor its channel may keep this process alive.
		watchdog.unref();
		watchdog.channel.unref();
		// A watchdog that is gone can't be told more; what it was told is lost with it anyway.
		watchdog.on('error', () => {});
	}
	watchdog.send(message);
}

/** The watchdog stops this process group (led by `pid`) if we end while it runs. */
const watchGroup = (pid) => tell({ group: pid, watch: true });
/** The group ended: its id may be reused, so it must not be signalled any more. */
const unwatchGroup = (pid) => tell({ group: pid, watch: false });
/** The watchdog removes this folder (if it is still there) when we end. */
const watchFolder = (dir) => tell({ folder: dir, watch: true });

/** Signals a process group (a detached child and what it spawned); gone is fine. */
function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch (error) {
		if (error.code !== 'ESRCH') throw error;
	}
}

function groupAlive(pid) {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Waits until none of the groups is left, or the time is up. */
async function groupsGone(groups, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while ([...groups].some(groupAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
}

/** The watchdog process itself. */
function runWatchdog() {
	const groups = new Set();
	const folders = new Set();
	process.on('message', ({ group, folder, watch }) => {
		if (group !== undefined) watch ? groups.add(group) : groups.delete(group);
		if (folder !== undefined) folders.add(folder);
	});
	process.on('disconnect', async () => {
		for (const pid of groups) killGroup(pid, 'SIGTERM');
		await groupsGone(groups, GRACE_MS);
		for (const pid of groups) killGroup(pid, 'SIGKILL');
		// Only once nothing writes into them any more.
		await groupsGone(groups, KILL_WAIT_MS);
		for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
		process.exit(0);
	});
}

module.exports = { watchGroup, unwatchGroup, watchFolder, killGroup };

if (require.main === module) runWatchdog();
