import type { ChannelHold } from '@marsad/service-alerter';
import type { Delivery } from '@marsad/store';
import { utcTime } from './format.js';
import { html, type SafeHtml } from './html.js';
import { layout } from './layout.js';

const DIGEST = /^digest:/;
/** A delivery's story, linked to its page; a digest's period as it is. */
const storyCell = (d: Delivery) => (DIGEST.test(d.storyId) ? html`<span class="digest">${d.storyId}</span>` : html`<a href="/stories/${encodeURIComponent(d.storyId)}">${d.storyId}</a>`);

/**
 * The delivery log, newest first, for operators (in English, as the logs and the queue board are): what
 * each rule sent where, what is still being retried and why, what failed for good; and the channels a
 * receiver has asked to wait.
 */
export function alertsPage(deliveries: readonly Delivery[], holds: readonly ChannelHold[]): SafeHtml {
  const held = holds.filter((h) => h.seconds > 0);
  return layout(
    { title: 'Alerts', lang: 'en', dir: 'ltr', current: 'alerts' },
    html`<h1>Alerts</h1>
${held.length ? html`<ul class="holds">${held.map((h) => html`<li data-channel="${h.channelId}"><strong>${h.channelId}</strong>: its receiver asked to wait, ${Math.ceil(h.seconds)} s more (a rate limit); its alerts are retried then.</li>`)}</ul>` : ''}
${deliveries.length === 0
    ? html`<p class="empty">No alert has been sent yet.</p>`
    : html`<table class="deliveries">
<thead><tr><th>First tried</th><th>Rule</th><th>Channel</th><th>Status</th><th>Story</th><th>Item</th><th>Attempts</th><th>Sent</th><th>Last error</th></tr></thead>
<tbody>${deliveries.map((d) => html`<tr data-key="${d.key}" class="status-${d.status}">
<td>${utcTime(d.createdAt)}</td><td>${d.ruleId}</td><td>${d.channelId}</td><td><span class="badge ${d.status}">${d.status}</span></td>
<td>${storyCell(d)}</td><td>${d.itemId ? html`<code>${d.itemId}</code>` : '—'}</td><td class="number">${d.attempts}</td><td>${utcTime(d.sentAt)}</td><td>${d.lastError ?? '—'}</td>
</tr>`)}</tbody>
</table>`}`,
  );
}
