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
  let preformatted = 0;
  // Text with entities but no markup is plain text: its line breaks are its paragraphs.
  const markup = /<[a-zA-Z!/]/.test(html);
  const parser = new Parser(
    {
      onopentagname(name) {
        if (SKIPPED.has(name)) skipping++;
        else if (BLOCKS.has(name)) text += '\n';
        if (name === 'pre') preformatted++;
      },
      ontext(chunk) {
        // A line break in HTML source is a space, as a browser shows it (a CMS wrapping its lines
        // would otherwise split sentences, and phrases, in two); only <pre> keeps its lines.
        if (skipping === 0) text += markup && preformatted === 0 ? chunk.replace(/[\r\n]+/g, ' ') : chunk;
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCKS.has(name)) text += '\n';
        if (name === 'pre') preformatted = Math.max(0, preformatted - 1);
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
