import { describeRule, type ChannelHold, type RuleStatus } from '@marsad/service-alerter';
import type { Delivery } from '@marsad/store';
import { utcTime } from './format.js';
import { html, type SafeHtml } from './html.js';
import { layout } from './layout.js';

const DIGEST = /^digest:/;
/** A delivery's story, linked to its page; a digest's period as it is. */
const storyCell = (d: Delivery) => (DIGEST.test(d.storyId) ? html`<span class="digest">${d.storyId}</span>` : html`<a href="/stories/${encodeURIComponent(d.storyId)}">${d.storyId}</a>`);

/** The rules of the file, each with when it sends and where, and how the running alerters apply it. */
function rulesTable(rules: { rules: readonly RuleStatus[]; takenOut: readonly string[] } | undefined): SafeHtml | string {
  if (!rules || (rules.rules.length === 0 && rules.takenOut.length === 0)) return '';
  return html`<h2>Rules</h2>
<table class="rules">
<thead><tr><th>Rule</th><th>Sends</th><th>On</th><th>To</th></tr></thead>
<tbody>${rules.rules.map((status) => {
    const { sends, matches } = describeRule(status);
    return html`<tr data-rule="${status.rule.id}"><td><strong>${status.rule.id}</strong>${status.note ? html`<br><small class="rule-note">${status.note}</small>` : ''}</td><td>${sends}</td><td>${matches}</td><td>${status.rule.channels.join(', ')}</td></tr>`;
  })}${rules.takenOut.map((id) => html`<tr data-rule="${id}" class="taken-out"><td><strong>${id}</strong><br><small class="rule-note">no longer in the config file, still applied by the running alerters (restart them to apply the file)</small></td><td>—</td><td>—</td><td>—</td></tr>`)}</tbody>
</table>
<h2>Deliveries</h2>`;
}

/**
 * The delivery log, newest first, for operators (in English, as the logs and the queue board are): what
 * each rule sent where, what is still being retried and why, what failed for good; the channels a
 * receiver has asked to wait; and above them the rules, with where the running alerters apply them
 * otherwise than the config file says.
 */
export function alertsPage(deliveries: readonly Delivery[], holds: readonly ChannelHold[], rules?: { rules: readonly RuleStatus[]; takenOut: readonly string[] }): SafeHtml {
  const held = holds.filter((h) => h.seconds > 0);
  return layout(
    { title: 'Alerts', lang: 'en', dir: 'ltr', current: 'alerts' },
    html`<h1>Alerts</h1>
${held.length ? html`<ul class="holds">${held.map((h) => html`<li data-channel="${h.channelId}"><strong>${h.channelId}</strong>: its receiver asked to wait, ${Math.ceil(h.seconds)} s more (a rate limit); its alerts are retried then.</li>`)}</ul>` : ''}
${rulesTable(rules)}
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
