import { z } from 'zod';
import type { SqlExecutor } from './sql-client.js';

export const DeliverySchema = z.object({
  key: z.string(),
  ruleId: z.string(),
  storyId: z.string(),
  channelId: z.string(),
  itemId: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type Delivery = z.infer<typeof DeliverySchema>;

export interface DeliveryClaim {
  key: string;
  ruleId: string;
  storyId: string;
  channelId: string;
  itemId: string;
  /** Who claims it (a job id): the same claimant may claim again (its retry). */
  claimant: string;
  /** How long the claim holds against other claimants. @defaultValue 120000 */
  leaseMs?: number;
}

/**
 * Claims a delivery: `send` when this claimant has to send it (new, or an earlier attempt did not
 * finish and its claim ran out), `sent` when it went out already (a later copy of an alerted story),
 * `busy` while another claimant holds it (two copies of one story handled at once).
 */
export async function claimDelivery(sql: SqlExecutor, claim: DeliveryClaim): Promise<'send' | 'sent' | 'busy'> {
  const lease = `${claim.leaseMs ?? 120_000} milliseconds`;
  const claimed = await sql.query<{ key: string }>(
    `INSERT INTO alert_deliveries (key, rule_id, story_id, channel_id, item_id, status, attempts, claimed_by, claimed_until)
     VALUES ($1, $2, $3, $4, $5, 'pending', 1, $6, now() + $7::interval)
     ON CONFLICT (key) DO UPDATE SET attempts = alert_deliveries.attempts + 1, claimed_by = $6, claimed_until = now() + $7::interval
       WHERE alert_deliveries.status <> 'sent'
         AND (alert_deliveries.claimed_by = $6 OR alert_deliveries.claimed_until IS NULL OR alert_deliveries.claimed_until < now())
     RETURNING key`,
    [claim.key, claim.ruleId, claim.storyId, claim.channelId, claim.itemId, claim.claimant, lease],
  );
  if (claimed.length > 0) return 'send';
  const [row] = await sql.query<{ status: string }>('SELECT status FROM alert_deliveries WHERE key = $1', [claim.key]);
  return row?.status === 'sent' ? 'sent' : 'busy';
}

export async function markDelivered(sql: SqlExecutor, key: string): Promise<void> {
  await sql.query(`UPDATE alert_deliveries SET status = 'sent', sent_at = now(), last_error = NULL WHERE key = $1`, [key]);
}

/** An attempt failed; `final` when no retry follows (the job goes to the failed set). */
export async function markDeliveryFailed(sql: SqlExecutor, key: string, reason: string, final: boolean): Promise<void> {
  // The claim is released: whichever retry comes next may send.
  await sql.query(
    `UPDATE alert_deliveries SET status = $2, last_error = $3, claimed_until = NULL WHERE key = $1 AND status <> 'sent'`,
    [key, final ? 'failed' : 'pending', reason.slice(0, 2000)],
  );
}

interface DeliveryRow {
  key: string;
  rule_id: string;
  story_id: string;
  channel_id: string;
  item_id: string;
  status: Delivery['status'];
  attempts: number;
  last_error: string | null;
  created_at: Date | string;
  sent_at: Date | string | null;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export async function listDeliveries(sql: SqlExecutor, limit = 1_000): Promise<Delivery[]> {
  const rows = await sql.query<DeliveryRow>('SELECT * FROM alert_deliveries ORDER BY created_at DESC, key LIMIT $1', [limit]);
  return rows.map((row) => ({
    key: row.key,
    ruleId: row.rule_id,
    storyId: row.story_id,
    channelId: row.channel_id,
    itemId: row.item_id,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: iso(row.created_at)!,
    sentAt: iso(row.sent_at),
  }));
}
