import { Parser } from 'htmlparser2';

/** Elements whose content is never article text. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'iframe', 'svg', 'template', 'head', 'object']);
/** Elements that end a line of text. */
const BLOCKS = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'tr', 'table',
  'section', 'article', 'figure', 'figcaption', 'header', 'footer', 'pre', 'hr',
]);

/** Elements that can be a line linking to another article ("اقرأ أيضا: …", a related post's title). */
const LINE_ELEMENTS = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote']);
/** How a line announces a link to another article, in the region's press languages. */
const READ_ALSO = /^[\s«"“(*-]*(?:[اإ]قر(?:أ|ا|ؤوا|ئي)\s+(?:أيضا|أيضاً|ايضا|ايضاً|كذلك|المزيد)|للمزيد|ذات صلة|مواضيع ذات صلة|مقالات ذات صلة|(?:à\s+)?lire\s+aussi|voir\s+aussi|read\s+(?:also|more)|see\s+also|related|lee\s+también)(?=[\s:.،,-]|$)/iu;
/**
 * The markers of a CDATA section left in a field (a feed that wraps its HTML in CDATA twice, or escapes
 * the inner one): HTML reads such a section as a comment, and the item would lose its whole text, or
 * keep the escaped markers as words.
 */
const CDATA_MARKERS = /(?:<|&lt;)!\[CDATA\[|\]\](?:>|&gt;)/g;
/** A line whose characters are this much link text is a link to elsewhere, not the article's. */
const LINK_LINE_SHARE = 0.8;
/** …unless dropping such lines would leave less than this share of the text: then it is the text. */
const KEPT_SHARE = 0.25;

interface OpenLine {
  start: number;
  linkChars: number;
}

interface LinkLine {
  start: number;
  end: number;
  chars: number;
}

/**
 * Readable plain text of an HTML fragment: paragraphs kept as lines, entities decoded, scripts and
 * styles dropped, and the lines that only link to other articles ("اقرأ أيضا: …", related posts)
 * left out, since their headlines would be tagged as the article's own words. A streaming parse
 * (htmlparser2's callbacks), since building a DOM per item is the slowest step of the fetcher otherwise.
 */
export function htmlToText(fragment: string): string {
  if (!/[<&]/.test(fragment)) return collapse(fragment);
  const html = fragment.includes('![CDATA[') ? fragment.replace(CDATA_MARKERS, '') : fragment;
  let text = '';
  let skipping = 0;
  let preformatted = 0;
  let inLink = 0;
  const openLines: OpenLine[] = [];
  const linkLines: LinkLine[] = [];
  // Text with entities but no markup is plain text: its line breaks are its paragraphs.
  const markup = /<[a-zA-Z!/]/.test(html);
  const parser = new Parser(
    {
      onopentagname(name) {
        if (SKIPPED.has(name)) skipping++;
        else if (BLOCKS.has(name)) text += '\n';
        if (name === 'pre') preformatted++;
        if (name === 'a') inLink++;
        if (LINE_ELEMENTS.has(name)) openLines.push({ start: text.length, linkChars: 0 });
      },
      ontext(chunk) {
        if (skipping > 0) return;
        // A line break in HTML source is a space, as a browser shows it (a CMS wrapping its lines
        // would otherwise split sentences, and phrases, in two); only <pre> keeps its lines.
        text += markup && preformatted === 0 ? chunk.replace(/[\r\n]+/g, ' ') : chunk;
        if (inLink > 0 && openLines.length > 0) {
          const count = countVisible(chunk, 0, chunk.length);
          for (const line of openLines) line.linkChars += count;
        }
      },
      onclosetag(name) {
        if (LINE_ELEMENTS.has(name)) {
          const line = openLines.pop();
          // Only a line with a link is measured: most lines have none, and cost nothing more.
          if (line && line.linkChars > 0) {
            const chars = countVisible(text, line.start, text.length);
            if (isLinkLine(line, chars, text)) linkLines.push({ start: line.start, end: text.length, chars });
          }
        }
        if (name === 'a') inLink = Math.max(0, inLink - 1);
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCKS.has(name)) text += '\n';
        if (name === 'pre') preformatted = Math.max(0, preformatted - 1);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(html);
  return collapse(withoutLinkLines(text, linkLines));
}

function isLinkLine(line: OpenLine, chars: number, text: string): boolean {
  return line.linkChars >= LINK_LINE_SHARE * chars || READ_ALSO.test(text.slice(line.start, line.start + 60));
}

function withoutLinkLines(text: string, linkLines: readonly LinkLine[]): string {
  if (linkLines.length === 0) return text;
  const chars = countVisible(text, 0, text.length);
  let kept = '';
  let keptChars = chars;
  let from = 0;
  // Nested lines (a <p> in an <li>) close inner first: in order of their start, the outer covers the inner.
  for (const line of [...linkLines].sort((a, b) => a.start - b.start)) {
    if (line.end <= from) continue;
    kept += text.slice(from, Math.max(from, line.start)) + '\n';
    keptChars -= line.chars;
    from = line.end;
  }
  kept += text.slice(from);
  return keptChars >= KEPT_SHARE * chars ? kept : text;
}

/** Characters that are not white space (letters, digits and punctuation alike: close enough for shares). */
function countVisible(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x20 && code !== 0xa0) count++;
  }
  return count;
}

function collapse(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/**
 * A headline's text. Some feeds encode their titles twice (`&amp;quot;`, `&lt;b&gt;عاجل&lt;/b&gt;`):
 * decoded once, their entities and tags showed as text in the newsroom and in alerts. A headline still
 * holding one after a decoding is read once more.
 */
export function headlineText(fragment: string): string {
  const once = htmlToText(fragment);
  return /&(?:#\d+|#x[0-9a-f]+|[a-z]+);|<\/?[a-z][^>]*>/i.test(once) ? htmlToText(once) : once;
}
