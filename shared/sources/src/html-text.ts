import { load } from 'cheerio';

const BLOCKS = 'p, div, br, li, h1, h2, h3, h4, h5, h6, blockquote, tr, section, article, figcaption';

/** Readable plain text of an HTML fragment: paragraphs kept as lines, scripts and styles dropped. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return collapse(html);
  const $ = load(html);
  $('script, style, noscript, iframe, svg, template').remove();
  $(BLOCKS).each((_, el) => {
    $(el).append('\n');
  });
  return collapse($.root().text());
}

function collapse(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
