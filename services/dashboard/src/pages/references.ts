import { referenceTitle } from '@marsad/config';
import type { ReferencePickups } from '@marsad/store';
import { formatTime } from './format.js';
import { html, type SafeHtml } from './html.js';
import { layout } from './layout.js';

export interface ReferencesView {
  /** The reference articles (seeds/), by id, in the order of their files. */
  references: ReadonlyMap<string, string>;
  pickups: ReadonlyMap<string, ReferencePickups>;
  timeZone: string;
}

function referenceRow(id: string, text: string, view: ReferencesView): SafeHtml {
  const picked = view.pickups.get(id);
  const at = (iso: string) => html`<bdi><time datetime="${iso}">${formatTime(iso, view.timeZone)}</time></bdi>`;
  return html`<tr data-reference="${id}">
<td lang="ar" dir="rtl"><a href="/stories/${encodeURIComponent(id)}">${referenceTitle(text)}</a><br><code dir="ltr">${id}</code></td>
<td class="pickups">${picked?.pickups ?? 0}</td>
<td class="outlets">${picked?.outlets ?? 0}</td>
<td>${picked ? at(picked.first) : '—'}</td>
<td>${picked ? at(picked.last) : '—'}</td>
</tr>`;
}

/** The team's reference articles, each with how far it travelled: copies, outlets, first and last pickup. */
export function referencesPage(view: ReferencesView): SafeHtml {
  const rows = [...view.references].map(([id, text]) => referenceRow(id, text, view));
  return layout(
    { title: 'المقالات المرجعية', current: 'references' },
    html`<h1>المقالات المرجعية</h1>
<p class="summary">بلاغات الفريق وبياناته (<code dir="ltr">seeds/</code>) وما نقلته المنابر منها؛ كل مقال يفتح مسار انتشاره.</p>
${rows.length === 0
    ? html`<p class="empty">لا مقالات مرجعية.</p>`
    : html`<table class="references">
<thead><tr><th>المقال</th><th>النسخ</th><th>المنابر</th><th>أول التقاط</th><th>آخر التقاط</th></tr></thead>
<tbody>${rows}</tbody>
</table>`}`,
  );
}
