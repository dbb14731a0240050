import { Parser } from 'htmlparser2';

/** Elements whose content is never article text. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'iframe', 'svg', 'template', 'head', 'object']);
/** Elements that end a line of text. */
const BLOCKS = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'tr', 'table',
  'section', 'article', 'figure', 'figcaption', 'header', 'footer', 'pre', 'hr',
]);

/**
 * Readable plain text of an HTML fragment: paragraphs kept as lines, entities decoded, scripts and
 * styles dropped. A streaming parse (htmlparser2's callbacks), since building a DOM per item is the
 * slowest step of the fetcher otherwise.
 */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return collapse(html);
  let text = '';
  let skipping = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (SKIPPED.has(name)) skipping++;
        else if (BLOCKS.has(name)) text += '\n';
      },
      ontext(chunk) {
        if (skipping === 0) text += chunk;
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCKS.has(name)) text += '\n';
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(html);
  return collapse(text);
}

function collapse(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
