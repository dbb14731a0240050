import type { ComparedText } from '@marsad/text';
import { safeHref, type Pickup } from '@marsad/service-alerter';
import { directionOf, formatTime, markedHtml } from './format.js';
import { html, type SafeHtml } from './html.js';
import { layout } from './layout.js';

export interface CompareView {
  storyId: string;
  /** What the copy is compared with: the reference article, or the story's original item. */
  original: { label: string; language: string };
  copy: Pickup & { language: string };
  compared: { original: ComparedText; copy: ComparedText };
  sourceName: (id: string) => string;
  timeZone: string;
}

/** A compared text's lines as paragraphs, each run of words the other text lacks in `tag`. */
function markedParagraphs({ text, ranges }: ComparedText, tag: 'del' | 'ins'): SafeHtml[] {
  const paragraphs: SafeHtml[] = [];
  let start = 0;
  let next = 0;
  for (const line of text.split('\n')) {
    const end = start + line.length;
    const marks: [number, number][] = [];
    for (; next < ranges.length && ranges[next]![0] < end; next++) marks.push([ranges[next]![0] - start, ranges[next]![1] - start]);
    if (line.trim()) paragraphs.push(html`<p>${markedHtml({ text: line, marks }, tag)}</p>`);
    start = end + 1;
  }
  return paragraphs;
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 100));

const ARABIC_PLURAL = new Intl.PluralRules('ar');
/** What a copy wrote of its own, counted as Arabic counts (كلمة واحدة، كلمتين، 3 كلمات، 11 كلمة). */
function ownWords(count: number): SafeHtml {
  if (count === 0) return html`ولم تكتب شيئا من عندها.`;
  const form = ARABIC_PLURAL.select(count);
  const counted = form === 'one' ? 'كلمة واحدة' : form === 'two' ? 'كلمتين' : form === 'few' ? `${count} كلمات` : `${count} كلمة`;
  return html`وكتبت <bdi class="own">${counted}</bdi> من عندها.`;
}

/**
 * A copy beside what it copies, word by word: the original's words it left out or changed struck
 * through, its own words (added or changed) marked, and how much of the original it kept.
 */
export function comparePage(view: CompareView): SafeHtml {
  const { copy, compared } = view;
  const text = directionOf(copy.language);
  const href = safeHref(copy.url);
  const kept = compared.original.words - compared.original.unmatched;
  return layout(
    { title: `مقارنة: ${copy.title || copy.url}`, current: 'story' },
    html`<article class="compare" data-story="${view.storyId}" data-item="${copy.itemId}">
<h1>مقارنة النسخة بالأصل</h1>
<p class="kind"><bdi class="source">${view.sourceName(copy.sourceId)}</bdi> · <bdi><time datetime="${copy.seenAt}">${formatTime(copy.seenAt, view.timeZone)}</time></bdi> · ${href ? html`<a href="${href}" rel="noopener noreferrer nofollow" lang="${text.lang}" dir="${text.dir}">${copy.title || copy.url}</a>` : copy.title}</p>
<p class="summary">نقلت النسخة <bdi class="kept">${percent(kept, compared.original.words)}%</bdi> من كلمات ${view.original.label} (<bdi>${kept}</bdi> من <bdi>${compared.original.words}</bdi>)، ${ownWords(compared.copy.unmatched)}
<a href="/stories/${encodeURIComponent(view.storyId)}">القصة وكل نسخها</a></p>
<p class="legend"><del>مشطوب</del>: ما لم تنقله النسخة من الأصل أو غيّرته · <ins>مظلَّل</ins>: ما أضافته النسخة أو غيّرته</p>
<div class="sides">
<section><h2>الأصل</h2><div class="text" lang="${directionOf(view.original.language).lang}" dir="${directionOf(view.original.language).dir}">${markedParagraphs(compared.original, 'del')}</div></section>
<section><h2>النسخة</h2><div class="text" lang="${text.lang}" dir="${text.dir}">${markedParagraphs(compared.copy, 'ins')}</div></section>
</div>
</article>`,
  );
}
