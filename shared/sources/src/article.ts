import { Readability } from '@mozilla/readability';
import * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';
import { parseHTML } from 'linkedom';
import { htmlToText } from './html-text.js';
import { pageDate } from './page-date.js';

export interface ExtractedArticle {
  title?: string;
  body: string;
  date?: string;
}

/**
 * The article text of a page without site-specific selectors. Mozilla's Readability (Firefox's reader
 * view) finds it and leaves out what news pages put around and inside it — menus, share buttons,
 * "related posts" boxes, sidebars, comments — whose headlines would otherwise be tagged as the
 * article's own words; the "read also" links it keeps between paragraphs go with htmlToText.
 */
export function extractArticle(html: string): ExtractedArticle {
  const { document } = parseHTML(html);
  const title = metaContent(document, 'og:title') || textOf(document.querySelector('h1')) || textOf(document.querySelector('title'));
  const date = pageDate((selector) => [...document.querySelectorAll(selector)].map((element) => ({ attr: (name) => element.getAttribute(name) ?? undefined, text: () => element.textContent ?? '' })));
  const article = parseReadable(document);
  const body = article ? htmlToText(article) : '';
  return { title, body: body || largestParagraphBlock(html), date };
}

function parseReadable(document: Document): string | undefined {
  try {
    // A short news item is still an article: Readability's default threshold (500 characters) would
    // make it retry with looser rules that let page furniture back in.
    return new Readability(document, { charThreshold: 200 }).parse()?.content ?? undefined;
  } catch {
    return undefined;
  }
}

function metaContent(document: Document, property: string): string | undefined {
  return document.querySelector(`meta[property="${property}"]`)?.getAttribute('content')?.trim() || undefined;
}

function textOf(element: Element | null): string | undefined {
  return element?.textContent?.trim() || undefined;
}

/** Where Readability finds nothing: the element with the most paragraph text, scripts and menus left out. */
function largestParagraphBlock(html: string): string {
  const $ = cheerio.load(html);
  $('script, style, noscript, nav, header, footer, aside, form, iframe').remove();
  let best: { length: number; node?: AnyNode } = { length: 0 };
  const byParent = new Map<AnyNode, number>();
  $('p').each((_, p) => {
    const parent = p.parent;
    if (!parent) return;
    const length = (byParent.get(parent) ?? 0) + $(p).text().trim().length;
    byParent.set(parent, length);
    if (length > best.length) best = { length, node: parent };
  });
  return best.node ? htmlToText($.html(best.node)) : htmlToText($('body').html() ?? html);
}
