import { localDateTime, safeHref, type ListedItem } from '@marsad/service-alerter';
import { passage, type Query } from '@marsad/text';
import { directionOf, excerpt, formatTime, languageName, markedHtml } from './format.js';
import { html, type SafeHtml } from './html.js';
import { layout } from './layout.js';
import { spreadsheetChunks } from './spreadsheet.js';

/** The newsroom's filters as the form holds them (every field as typed, '' when not set). */
export interface NewsroomFilters {
  q: string;
  tag: string;
  source: string;
  language: string;
  from: string;
  to: string;
  page: number;
}

export interface NewsroomView {
  filters: NewsroomFilters;
  items: readonly ListedItem[];
  /** Another page of older items exists. */
  more: boolean;
  choices: { tags: readonly string[]; sources: readonly { id: string; name: string }[]; languages: readonly string[] };
  sourceName: (id: string) => string;
  /** A reference article's title (its first line), when `id` is one. */
  referenceTitle: (id: string) => string | undefined;
  timeZone: string;
  /** Why the filters could not be applied (a search the query language cannot read). */
  error?: string;
  /**
   * The search, compiled: what made each item found is marked in its title and text, and the spellings
   * of names it also looked for are said, so a reader knows why an item in another script is found.
   */
  search?: Query;
}

const option = (value: string, label: string, selected: string) =>
  html`<option value="${value}"${value === selected ? html` selected` : ''}>${label}</option>`;

function filterForm(view: NewsroomView): SafeHtml {
  const { filters: f, choices } = view;
  return html`<form class="filters" method="get" action="/" role="search">
<input type="search" name="q" value="${f.q}" placeholder="بحث: كلمات، «عبارة»، أو، -كلمة، مغرب*، NEAR/5" aria-label="بحث في النصوص">
<select name="tag" aria-label="الوسم">${option('', 'كل الوسوم', f.tag)}${choices.tags.map((t) => option(t, t, f.tag))}</select>
<select name="source" aria-label="المصدر">${option('', 'كل المصادر', f.source)}${choices.sources.map((s) => option(s.id, s.name, f.source))}</select>
<select name="language" aria-label="اللغة">${option('', 'كل اللغات', f.language)}${choices.languages.map((l) => option(l, languageName(l), f.language))}</select>
<label>من <input type="date" name="from" value="${f.from}"></label>
<label>إلى <input type="date" name="to" value="${f.to}"></label>
<button type="submit">تصفية</button>
<a class="reset" href="/">مسح</a>
</form>`;
}

/** What a copy copies, as a reader knows it: a reference article by its title, else an earlier item. */
function copied(duplicateOf: string, view: NewsroomView): SafeHtml {
  const title = view.referenceTitle(duplicateOf);
  return title === undefined ? html`نسخة من خبر سابق` : html`نسخة من المقال المرجعي «<bdi>${title}</bdi>»`;
}

/** Said of an item whose source completed its text after it was first stored (a revision). */
function revised({ revisedAt }: ListedItem, view: NewsroomView): SafeHtml | string {
  return revisedAt ? html` · <bdi class="revised">نصه محدَّث <time datetime="${revisedAt}">${formatTime(revisedAt, view.timeZone)}</time></bdi>` : '';
}

function itemCard(item: ListedItem, view: NewsroomView): SafeHtml {
  const text = directionOf(item.language);
  const href = safeHref(item.url);
  const when = item.publishedAt ?? item.fetchedAt;
  const marks = view.search?.marks([item.title, item.text]);
  const title = !item.title ? item.url : marks ? markedHtml(passage(marks[0]!.text, marks[0]!.ranges, Infinity)) : item.title;
  const snippet = marks ? markedHtml(passage(marks[1]!.text, marks[1]!.ranges)) : excerpt(item.text);
  return html`<li><article class="item" data-id="${item.id}">
<h2 lang="${text.lang}" dir="${text.dir}">${href ? html`<a href="${href}" rel="noopener noreferrer nofollow">${title}</a>` : title}</h2>
<p class="meta"><bdi class="source">${view.sourceName(item.sourceId)}</bdi> · <bdi><time datetime="${when}">${formatTime(when, view.timeZone)}</time></bdi>${revised(item, view)} · <bdi class="language" title="${item.language}">${languageName(item.language)}</bdi>${item.tags.map((t) => html` <span class="tag">${t}</span>`)}</p>
${item.duplicateOf
    ? html`<p class="copy">${copied(item.duplicateOf, view)}${item.similarity !== null ? html` (تشابه <bdi>${Math.round(item.similarity * 100)}%</bdi>)` : ''} — <a href="/stories/${encodeURIComponent(item.storyId)}">القصة وكل نسخها</a> · <a class="compare" href="/stories/${encodeURIComponent(item.storyId)}/compare/${encodeURIComponent(item.id)}">ما غيّرته النسخة</a></p>`
    : html`<p class="copy"><a href="/stories/${encodeURIComponent(item.storyId)}">القصة</a></p>`}
<p class="snippet" lang="${text.lang}" dir="${text.dir}">${snippet}</p>
</article></li>`;
}

/** The filters set, as a query string: page 1 and empty fields left out. */
const queryOf = (filters: NewsroomFilters) =>
  new URLSearchParams(Object.entries({ ...filters, page: String(filters.page) }).filter(([k, v]) => v !== '' && !(k === 'page' && v === '1'))).toString();

function pageLinks(view: NewsroomView): SafeHtml {
  const at = (page: number) => `/?${queryOf({ ...view.filters, page })}`;
  const { page } = view.filters;
  return html`<nav class="pages">${page > 1 ? html`<a rel="prev" href="${at(page - 1)}">الأحدث</a>` : ''}${view.more ? html`<a rel="next" href="${at(page + 1)}">الأقدم</a>` : ''}</nav>`;
}

export function newsroomPage(view: NewsroomView): SafeHtml {
  const summary = view.error
    ? html`<p class="error" role="alert">${view.error}</p>`
    : view.items.length === 0
      ? html`<p class="empty">لا أخبار تطابق هذه المعايير.</p>`
      : html`<p class="summary">الصفحة ${view.filters.page} · الأحدث أولاً · <a class="export" href="/items.csv?${queryOf({ ...view.filters, page: 1 })}" download>تنزيل النتائج (CSV)</a></p>`;
  const also = view.search?.alsoSearched.length ? html`<p class="also">يشمل البحث أيضا: ${view.search.alsoSearched.map((spelling, i) => html`${i > 0 ? '، ' : ''}<bdi>${spelling}</bdi>`)}</p>` : '';
  return layout(
    { title: 'الأخبار', current: 'newsroom' },
    html`<h1>الأخبار</h1>
${filterForm(view)}
${also}
${summary}
<ol class="items">${view.items.map((item) => itemCard(item, view))}</ol>
${pageLinks(view)}`,
  );
}

/**
 * The items a filter finds as a spreadsheet (see `spreadsheet`), written as their pages come: when,
 * outlet, title, tags, language, what it copies (a reference by its title) and how much, and the link.
 */
export async function* itemsCsv(pages: AsyncIterable<readonly ListedItem[]>, view: Pick<NewsroomView, 'sourceName' | 'timeZone' | 'referenceTitle'>): AsyncGenerator<string> {
  const header = [`الوقت (${view.timeZone})`, 'المنبر', 'العنوان', 'الوسوم', 'اللغة', 'نسخة من', 'التشابه (%)', 'الرابط'];
  yield* spreadsheetChunks(header, rowsOf(pages, (item) => [
    localDateTime(item.publishedAt ?? item.fetchedAt, view.timeZone),
    view.sourceName(item.sourceId),
    item.title,
    item.tags.join(' '),
    item.language,
    item.duplicateOf ? (view.referenceTitle(item.duplicateOf) ?? item.duplicateOf) : '',
    item.similarity === null || !item.duplicateOf ? '' : Math.round(item.similarity * 100),
    item.url,
  ]));
}

async function* rowsOf<T, R>(pages: AsyncIterable<readonly T[]>, row: (item: T) => R): AsyncGenerator<R[]> {
  for await (const page of pages) yield page.map(row);
}
