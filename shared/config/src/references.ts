import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A reference article: a communiqué whose pickups Marsad looks for. */
export interface ReferenceArticle {
  /** The file name without its extension. */
  id: string;
  text: string;
}

/** The repository's seeds/ folder, used when neither --seeds nor ./seeds exists. */
export const BUNDLED_SEEDS_DIR = fileURLToPath(new URL('../../../seeds/', import.meta.url));

/** `--seeds DIR`, else ./seeds in the working directory, else the repository's seeds/. */
export function resolveSeedsDir(dir: string | undefined, cwd = process.cwd()): string {
  if (dir) return resolve(cwd, dir);
  const local = resolve(cwd, 'seeds');
  return existsSync(local) ? local : BUNDLED_SEEDS_DIR;
}

/** Every .txt file of the folder, sorted by name; adding a file adds a reference. */
export function readReferenceArticles(dir: string): ReferenceArticle[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => ({ id: basename(file, '.txt'), text: readFileSync(join(dir, file), 'utf8') }));
}
