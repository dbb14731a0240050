import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = new Set<string>();
let removedOnExit = false;

/**
 * A new folder in the system's temporary folder, for a test or a benchmark: removed by
 * `removeTemporaryDirs` (a test file calls it in `afterAll`) and, whatever else happens, when the
 * process exits. Embedded stores made there weigh ~40 MB each and would pile up run after run.
 */
export function temporaryDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (!removedOnExit) {
    process.once('exit', removeTemporaryDirs);
    removedOnExit = true;
  }
  made.add(dir);
  return dir;
}

/** Removes every folder `temporaryDir` made in this process. */
export function removeTemporaryDirs(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  made.clear();
}
