import { createInterface } from 'node:readline';
import { detectLanguage } from '@marsad/text';
import { z } from 'zod';

const InputLineSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  title: z.string().default(''),
  text: z.string().default(''),
  url: z.string().optional(),
});

export interface ClassifyOutput {
  id: string | null;
  language?: string;
  arabic?: boolean;
  duplicateOf?: string | null;
  similarity?: number;
  tags?: string[];
  error?: string;
}

/** Classifies one JSON Lines input line; a line that is not a valid item yields an `error` line. */
export function classifyLine(line: string): ClassifyOutput {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { id: null, error: 'not valid JSON' };
  }
  const parsed = InputLineSchema.safeParse(json);
  if (!parsed.success) {
    const id = typeof json === 'object' && json !== null && 'id' in json ? String((json as { id: unknown }).id) : null;
    return { id, error: z.prettifyError(parsed.error).replaceAll('\n', '; ') };
  }
  const { id, title, text } = parsed.data;
  const { language, arabic } = detectLanguage(`${title}\n${text}`);
  return { id, language, arabic, duplicateOf: null, similarity: 0, tags: [] };
}

/** `marsad classify`: JSON Lines in on stdin, one JSON line out per item, in input order. No Redis, no database. */
export async function classifyCommand(): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    process.stdout.write(`${JSON.stringify(classifyLine(line))}\n`);
  }
  return 0;
}
