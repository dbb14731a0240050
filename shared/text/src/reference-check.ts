import { MIN_COPIED_WORDS } from './copy-index.js';
import { tokenize } from './tokens.js';

/**
 * Why no copy of a reference article can ever be found, or undefined when one can: a file dropped in
 * `seeds/` empty, not text (a PDF or a Word file renamed .txt, UTF-16 saved without its byte-order
 * mark), or shorter than the words a copy must reproduce of it (MIN_COPIED_WORDS), would otherwise
 * sit there silently matching nothing.
 */
export function unusableReference(text: string): string | undefined {
  if (controlShare(text) > MAX_CONTROL_SHARE) return 'it is not text (a PDF or Word file renamed .txt, or UTF-16 without its byte-order mark?): save it as plain UTF-8 text';
  const words = tokenize(text).length;
  if (words === 0) return 'it holds no words';
  if (words < MIN_COPIED_WORDS) return `it holds ${words} words, and a copy must reproduce at least ${MIN_COPIED_WORDS} of a reference's`;
  return undefined;
}

/** Text editors write none but tabs and line ends; a binary file's bytes are one in eight control characters. */
const MAX_CONTROL_SHARE = 0.01;

/** The share of the text's characters that are C0 control characters other than tab, line ends and form feed. */
function controlShare(text: string): number {
  if (text.length === 0) return 0;
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) controls++;
  }
  return controls / text.length;
}
