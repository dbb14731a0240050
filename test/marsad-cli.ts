import { fileURLToPath } from 'node:url';
import { runNode } from '@marsad/testing';

export const BIN = fileURLToPath(new URL('../shared/cli/bin/marsad.js', import.meta.url));

/** Runs `marsad ARGS` with `env` as a person would; its stdout, or an error with its stderr when it fails. */
export async function marsad(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const result = await runNode(BIN, args, { env });
  if (result.code !== 0) throw new Error(`marsad ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
  return result.stdout;
}
