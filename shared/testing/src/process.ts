import { spawn, type ChildProcess } from 'node:child_process';

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunProcessOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
  cwd?: string;
  /** Kill the process after this long. @defaultValue 120000 */
  timeoutMs?: number;
}

/** Runs a Node script to completion and collects its output, as a person at a terminal would. */
export function runNode(script: string, args: string[], options: RunProcessOptions = {}): Promise<ProcessResult> {
  const child = startNode(script, args, options);
  if (options.input !== undefined) child.stdin?.end(options.input);
  else child.stdin?.end();
  return collect(child, options.timeoutMs ?? 120_000);
}

/** Children still running: a test that times out leaves its services behind, so the test process ends them. */
const running = new Set<ChildProcess>();

/**
 * Kills every process `startNode` started that is still running. Call it from an `afterEach`: a test
 * that timed out never reached its own cleanup, and the test runner may end its worker with a signal,
 * which skips the `exit` handler below.
 */
export function killStartedProcesses(): void {
  for (const child of running) child.kill('SIGKILL');
}
process.once('exit', killStartedProcesses);

/** Starts a Node script and leaves it running (for signal tests); `result` settles when it exits. */
export function startNode(script: string, args: string[], options: RunProcessOptions = {}): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: options.cwd,
    env: { ...process.env, LOG_FORMAT: 'json', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return Object.assign(child, { output: () => output });
}

export function collect(child: ChildProcess, timeoutMs: number): Promise<ProcessResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Resolves when `predicate` holds for the process's output so far, or rejects after `timeoutMs`. */
export async function waitForOutput(child: { output: () => string }, predicate: (output: string) => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate(child.output())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for output; got:\n${child.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
