import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A reference article: a communiqué whose pickups Marsad looks for. */
export interface ReferenceArticle {
  /** The file name without its extension. */
  id: string;
  /** Where it was read from. */
  file: string;
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

/** A reference article's file: plain text, `.txt` in any case (COMMUNIQUE.TXT as Windows may name it). */
const REFERENCE_FILE = /\.txt$/i;

/**
 * Every .txt file of the folder (or link to one), sorted by name; adding a file adds a reference. A
 * folder named like one (an archive, "old.txt/") or a dangling link is no article: reading it would
 * stop every classifier.
 */
export function readReferenceArticles(dir: string): ReferenceArticle[] {
  return referenceFiles(dir).map(({ id, file }) => ({ id, file, text: decodeReferenceText(readFileSync(file)) }));
}

/** The ids of the folder's reference articles, without reading them. */
export function referenceIds(dir: string): string[] {
  return referenceFiles(dir).map(({ id }) => id);
}

function referenceFiles(dir: string): { id: string; file: string }[] {
  const ids = new Set<string>();
  return readdirSync(dir)
    .filter((name) => REFERENCE_FILE.test(name) && isFile(join(dir, name)))
    .sort()
    .flatMap((name) => {
      const id = name.slice(0, -'.txt'.length);
      // a.txt and a.TXT on a case-sensitive disk: one reference, the first by name.
      if (ids.has(id)) return [];
      ids.add(id);
      return [{ id, file: join(dir, name) }];
    });
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

/**
 * The folder's other files (a communiqué saved as .docx, .pdf or .md), which are not read: said where
 * the references are loaded, since a team that drops one there expects its pickups found. Hidden files
 * and a README are left out.
 */
export function filesNotRead(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && !REFERENCE_FILE.test(entry.name) && !entry.name.startsWith('.') && !/^readme\b/i.test(entry.name))
    .map((entry) => join(dir, entry.name))
    .sort();
}

/** Longest a reference's title runs: a headline, not the first paragraph of a communiqué that has none. */
const TITLE_LENGTH = 160;

/**
 * What people call a reference article by: its first line (a pasted article's headline), cut at a
 * word when that line is a whole paragraph (a communiqué pasted without one).
 */
export function referenceTitle(text: string): string {
  const first = text.split('\n').map((line) => line.replace(/\s+/g, ' ').trim()).find(Boolean) ?? '';
  if (first.length <= TITLE_LENGTH) return first;
  const cut = first.slice(0, TITLE_LENGTH);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), TITLE_LENGTH / 2))}…`;
}

/**
 * A reference file's text, as a communications team's editor may have saved it: UTF-8 (with or
 * without a byte-order mark), UTF-16 with its mark (Windows Notepad's "Unicode"), or, when the bytes
 * are not UTF-8, windows-1256, the legacy Arabic encoding of Windows.
 */
export function decodeReferenceText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    // Without ignoreBOM the decoder drops a UTF-8 byte-order mark.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1256').decode(bytes);
  }
}
