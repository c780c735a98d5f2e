export interface RunResult {
	status: number | null;
	stdout: string;
	/** stdout, then stderr */
	output: string;
}

export interface RunOptions {
	cwd?: string;
	env?: Record<string, string>;
}

export function readRepoFile(file: string): string;
/** `handle.dir` is a new empty folder for each test, removed after it. */
export function useTempFolder(prefix: string): { dir: string };
export function writeFiles(dir: string, files: Record<string, string>): void;
/** Copies files of the repository into dir, at the same relative paths. */
export function copyRepoFiles(dir: string, files: string[]): void;
export function readFile(dir: string, file: string): string;
export function listFolder(dir: string): string[];
export function removeFiles(dir: string, file: string): void;
export function run(command: string, args: string[], options?: RunOptions): RunResult;
export function runScript(script: string, args?: string[], options?: RunOptions): RunResult;
export function interruptScript(
	script: string,
	args: string[],
	options: {
		env?: Record<string, string>;
		started: () => boolean;
	},
): Promise<number | null>;
