import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../platform/auth/guard.js';
import type { Platform } from '../platform/platform.js';
import { canSee } from './access.js';
import type { DispatchServices } from './dispatch.module.js';
import { FEED_TOPIC, type FeedItem } from './notifier.js';

/**
 * The live feed of an open console (Server-Sent Events): every notification about a case the
 * caller may see, as it is committed. Each event carries the notification id, so a console that
 * reconnects with Last-Event-ID (EventSource does this by itself) is sent what it missed.
 */
export function dispatchStreamRoutes(app: FastifyInstance, p: Platform, s: DispatchServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/dispatch/stream',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'Live case notifications for the caller’s unit (text/event-stream; events named `case`)',
        querystring: z.object({ lastEventId: z.coerce.number().int().min(0).optional().describe('replay after this id (or send the Last-Event-ID header)') }),
      },
    },
    async (req, reply) => {
      const principal = requirePermission(req, 'dispatch.read');
      const raw = req.headers['last-event-id'];
      const header = typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : null;
      const after = req.query.lastEventId ?? header;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write(': connected\n\n');
      const send = (item: FeedItem) => {
        if (canSee(principal, item.place)) res.write(`id: ${item.id}\nevent: case\ndata: ${JSON.stringify(item)}\n\n`);
      };
      // Subscribe before replaying so nothing committed in between is missed; replayed ids are then skipped live.
      let replayedUpTo = after ?? 0;
      const pending: FeedItem[] = [];
      let replaying = after !== null;
      const off = p.bus.subscribe<FeedItem>(FEED_TOPIC, (item) => {
        if (replaying) pending.push(item);
        else if (item.id > replayedUpTo) send(item);
      });
      if (after !== null) {
        for (let batch = await s.notifier.feedSince(after); batch.length > 0; batch = await s.notifier.feedSince(replayedUpTo)) {
          for (const item of batch) send(item);
          replayedUpTo = batch[batch.length - 1].id;
        }
        replaying = false;
        for (const item of pending) if (item.id > replayedUpTo) send(item);
      }
      const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
      req.raw.on('close', () => {
        clearInterval(ping);
        off();
      });
    },
  );
}
