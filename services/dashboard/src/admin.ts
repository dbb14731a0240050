import { timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import fastifyBasicAuth from '@fastify/basic-auth';
import { drainQueue } from '@marsad/queues';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface AdminCredentials {
  user?: string | undefined;
  password?: string | undefined;
  token?: string | undefined;
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * bull-board at `/admin/queues` for every Marsad queue. With credentials configured, the whole board
 * asks for them (basic auth, or `Authorization: Bearer <token>`) and an operator may retry, promote and
 * clean; without any, it is read-only for everyone, and its title says so.
 */
export async function registerQueueBoard(app: FastifyInstance, queues: readonly Queue[], credentials: AdminCredentials): Promise<void> {
  const protectedBoard = Boolean((credentials.user && credentials.password) || credentials.token);
  const serverAdapter = new FastifyAdapter();
  createBullBoard({
    queues: queues.map((queue) => new BoardQueue(queue, { readOnlyMode: !protectedBoard })),
    serverAdapter,
    options: {
      uiConfig: {
        boardTitle: protectedBoard ? 'Marsad queues' : 'Marsad queues (read-only: set MARSAD_ADMIN_USER and MARSAD_ADMIN_PASSWORD)',
        hideDocsLink: true,
      },
    },
  });
  serverAdapter.setBasePath('/admin/queues');
  await app.register(async (scope) => {
    scope.addHook('onRequest', refuseCrossSiteChanges);
    if (protectedBoard) {
      await scope.register(fastifyBasicAuth, {
        authenticate: { realm: 'Marsad operators' },
        validate: async (user, password) => {
          if (!(credentials.user && credentials.password && same(user, credentials.user) && same(password, credentials.password))) throw new Error('wrong user or password');
        },
      });
      scope.addHook('onRequest', async (request, reply) => {
        const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
        if (bearer && credentials.token && same(bearer, credentials.token)) return;
        await new Promise<void>((resolve, reject) => scope.basicAuth(request, reply, (err) => (err ? reject(err) : resolve())));
      });
    }
    await scope.register(serverAdapter.registerPlugin());
  }, { prefix: '/admin/queues' });
}

/**
 * A queue on the board whose "Empty" removes the jobs no worker has taken with drainQueue, which
 * keeps each schedule's next job (a source's poll, a digest): BullMQ's drain, which the board would
 * call, loses it when it waits among others, and that source would go unpolled until its schedule is
 * set again.
 */
class BoardQueue extends BullMQAdapter {
  constructor(
    private readonly drained: Queue,
    options: ConstructorParameters<typeof BullMQAdapter>[1],
  ) {
    super(drained, options);
  }

  override async empty(): Promise<void> {
    await drainQueue(this.drained);
  }
}

/** Methods that only read: a page elsewhere may send them (a link, an image) without harm. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A browser sends an operator's basic-auth credentials with any request to the board, also one a page
 * of another site makes it send (a form posted there): a change the board did not ask for itself is
 * refused. Read from the Fetch Metadata header browsers send (`Sec-Fetch-Site`), else from `Origin`, as
 * Go's CrossOriginProtection does; a tool (curl, a script with the bearer token) sends neither and is
 * let through. A token plugin (@fastify/csrf-protection) cannot serve here: bull-board's own page
 * would have to send the token.
 */
async function refuseCrossSiteChanges(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  const sameSite = site !== undefined ? site === 'same-origin' || site === 'none' : origin === undefined || originHost(origin) === request.headers.host;
  if (!sameSite) await reply.code(403).send({ error: 'a change to the queues must come from the queue board itself, not from another site' });
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
