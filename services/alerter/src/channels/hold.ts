import { setTimeout as sleep } from 'node:timers/promises';
import { RetryNotBeforeError } from '@marsad/queues';
import type { ChannelMemory } from './memory.js';

/** A receiver's wait that a send sits out in place; a longer one fails the try, whose job retries after it. */
export const WAIT_IN_PLACE_MS = 5_000;
/** Sends of one message refused in a row before the try fails, however short the waits asked. */
const TRIES_IN_PLACE = 3;

/** A receiver refusing a message for now: how long it asked us to wait, and its own words. */
export interface Refusal {
  retryAfterMs: number;
  reason: string;
}

/**
 * A receiver's request to wait (HTTP 429 with Retry-After, Telegram's retry_after), kept per channel in
 * `memory`: the alerts behind the refused one, on any replica, wait with it instead of knocking again,
 * which would only prolong a flood limit. A short wait is sat out; a long one fails the try with
 * RetryNotBeforeError, so the job's retry comes when the receiver said.
 */
export class ReceiverHold {
  constructor(
    private readonly channelId: string,
    private readonly memory: ChannelMemory,
  ) {}

  /** Posts with `post` once the channel is free, again after a short refusal; throws after a long one. */
  async send(post: () => Promise<Refusal | undefined>): Promise<void> {
    for (let tries = 1; ; tries++) {
      await this.ready();
      const refusal = await post();
      if (!refusal) return;
      await this.memory.holdUntil(this.channelId, Date.now() + refusal.retryAfterMs);
      if (refusal.retryAfterMs > WAIT_IN_PLACE_MS || tries >= TRIES_IN_PLACE) throw new RetryNotBeforeError(refusal.reason, refusal.retryAfterMs);
    }
  }

  private async ready(): Promise<void> {
    const left = (await this.memory.heldUntil(this.channelId)) - Date.now();
    if (left <= 0) return;
    if (left > WAIT_IN_PLACE_MS) throw new RetryNotBeforeError(`${this.channelId} asked to wait: ${Math.ceil(left / 1000)} s more`, left);
    await sleep(left);
  }
}
