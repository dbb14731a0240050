import { referenceTitle } from '@marsad/config';
import { localDateTime, safeHref, type Pickup, type Story } from '@marsad/service-alerter';
import { directionOf, formatDelay, formatTime } from './format.js';
import { html, type SafeHtml } from './html.js';
import { layout } from './layout.js';
import { spreadsheet } from './spreadsheet.js';

export interface StoryView {
  story: Story;
  /** The reference article the story is about, when it is one of the seeds. */
  reference?: { id: string; text: string };
  sourceName: (id: string) => string;
  timeZone: string;
}

const paragraphs = (text: string) => text.split(/\n\s*\n|\n/).filter((p) => p.trim()).map((p) => html`<p>${p.trim()}</p>`);

function timelineRow(pickup: Pickup, language: string, view: StoryView): SafeHtml {
  const text = directionOf(language);
  const href = safeHref(pickup.url);
  return html`<tr data-item="${pickup.itemId}">
<td class="source">${view.sourceName(pickup.sourceId)}</td>
<td><bdi><time datetime="${pickup.seenAt}">${formatTime(pickup.seenAt, view.timeZone)}</time></bdi></td>
<td class="after"><bdi>${formatDelay(pickup.afterSeconds)}</bdi></td>
<td class="similarity">${pickup.similarity === null ? '—' : html`<bdi>${Math.round(pickup.similarity * 100)}%</bdi>`}</td>
<td lang="${text.lang}" dir="${text.dir}">${href ? html`<a href="${href}" rel="noopener noreferrer nofollow">${pickup.title || pickup.url}</a>` : pickup.title || pickup.url}</td>
<td class="compare"><a href="/stories/${encodeURIComponent(view.story.storyId)}/compare/${encodeURIComponent(pickup.itemId)}">قارن</a></td>
</tr>`;
}

/** The rows of a story's table: its copies; for a reference article, every stored item, its first sighting included. */
function timelineOf({ story, reference }: Pick<StoryView, 'story' | 'reference'>): Pickup[] {
  const first = story.first;
  const firstPickup: Pickup = { itemId: first.id, sourceId: first.sourceId, url: first.url, title: first.title, seenAt: story.firstSeenAt, afterSeconds: 0, similarity: first.similarity };
  return reference ? [firstPickup, ...story.pickups] : story.pickups;
}

/** The story's table as a spreadsheet (see `spreadsheet`), times in the pages' zone. */
export function pickupsCsv(view: StoryView): string {
  const rows = timelineOf(view).map((p) => [
    view.sourceName(p.sourceId),
    localDateTime(p.seenAt, view.timeZone),
    Math.round(p.afterSeconds / 60),
    p.similarity === null ? '' : Math.round(p.similarity * 100),
    p.title,
    p.url,
  ]);
  return spreadsheet(['المنبر', `الوقت (${view.timeZone})`, 'بعد أول التقاط (دقائق)', 'التشابه (%)', 'العنوان', 'الرابط'], rows);
}

/** One story: the original (or the reference article) and every copy, as a timeline of pickups. */
export function storyPage(view: StoryView): SafeHtml {
  const { story, reference } = view;
  const first = story.first;
  const text = directionOf(first.language);
  const timeline = timelineOf(view);
  const languageOf = new Map([[first.id, first.language]]);
  const href = safeHref(first.url);
  const header = reference
    ? html`<p class="kind">مقال مرجعي <code dir="ltr">${reference.id}</code> · أول التقاط: <bdi>${view.sourceName(first.sourceId)}</bdi>، <bdi><time datetime="${story.firstSeenAt}">${formatTime(story.firstSeenAt, view.timeZone)}</time></bdi></p>
<h1 lang="ar" dir="rtl">${referenceTitle(reference.text)}</h1>
<div class="text" lang="ar" dir="rtl">${paragraphs(reference.text)}</div>`
    : html`<p class="kind">الأصل · <bdi>${view.sourceName(first.sourceId)}</bdi> · <bdi><time datetime="${story.firstSeenAt}">${formatTime(story.firstSeenAt, view.timeZone)}</time></bdi>${first.tags.map((t) => html` <span class="tag">${t}</span>`)}</p>
<h1 lang="${text.lang}" dir="${text.dir}">${href ? html`<a href="${href}" rel="noopener noreferrer nofollow">${first.title || first.url}</a>` : first.title || first.url}</h1>
<div class="text" lang="${text.lang}" dir="${text.dir}">${paragraphs(first.text)}</div>`;
  return layout(
    { title: reference ? `مقال مرجعي ${reference.id}` : first.title || 'قصة', current: 'story' },
    html`<article class="story" data-story="${story.storyId}">
${header}
<h2>${reference ? 'مسار الانتشار' : 'النسخ'} <span class="count">(${timeline.length})</span></h2>
${timeline.length > 0 ? html`<p class="export"><a href="/stories/${encodeURIComponent(story.storyId)}/pickups.csv" download>تنزيل الجدول (CSV)</a></p>` : ''}
${timeline.length === 0
    ? html`<p class="empty">لم تُرصد أي نسخة بعد.</p>`
    : html`<table class="pickups">
<thead><tr><th>المنبر</th><th>الوقت</th><th>بعد أول التقاط</th><th>التشابه</th><th>العنوان</th><th>بالأصل</th></tr></thead>
<tbody>${timeline.map((p) => timelineRow(p, languageOf.get(p.itemId) ?? 'arb', view))}</tbody>
</table>`}
</article>`,
  );
}
