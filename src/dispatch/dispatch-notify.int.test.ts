import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../platform/testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../platform/testing/test-platform.js';
import { dispatchOf } from './dispatch.module.js';
import { FileSmsSender, type SmsSender } from './sms-sender.js';
import { SMS_TOPIC } from './notifier.js';
import { addGrid, caseOpened, createUsers, PASSWORD, publishCase, YIDU_VILLAGE } from './testing/fixtures.js';
import { openSse, type SseConnection } from './testing/sse-client.js';

const JC_VILLAGE = '330112006001';

class FlakySender implements SmsSender {
  sent: Array<{ phone: string; text: string }> = [];
  constructor(public failures: number) {}
  async send(phone: string, text: string): Promise<void> {
    if (this.failures-- > 0) throw new Error('gateway timeout');
    this.sent.push({ phone, text });
  }
}

describe.each(testEngines())('dispatch notifications on %s', (engine) => {
  let t: TestPlatform;
  let yidu: string;
  let jc: string;
  beforeAll(async () => {
    t = await createTestPlatform(engine);
    await createUsers(t.p);
    yidu = await addGrid(t.p, YIDU_VILLAGE);
    jc = await addGrid(t.p, JC_VILLAGE);
  }, 60_000);
  afterAll(() => t.close());

  const smsOutbox = async (caseId: string) => {
    const ids = (await t.p.db.selectFrom('dispatch_notification').select('id').where('case_id', '=', caseId).where('channel', '=', 'sms').execute()).map((r) => Number(r.id));
    const rows = await t.p.db.selectFrom('outbox').selectAll().where('topic', '=', SMS_TOPIC).execute();
    return rows.filter((r) => ids.includes((r.payload as { notificationId: number }).notificationId));
  };

  it('writes texts to sms.log in the data folder by default', async () => {
    const m = await publishCase(t.p, caseOpened({ title: '默认通道测试', location: { gridCode: yidu } }));
    const log = join(t.dataDir, 'sms.log');
    expect(existsSync(log)).toBe(true);
    const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toContainEqual(expect.objectContaining({ phone: '13905711003', text: expect.stringContaining('默认通道测试') }));
    const n = await t.p.db.selectFrom('dispatch_notification').selectAll().where('case_id', '=', m.caseId).where('channel', '=', 'sms').executeTakeFirstOrThrow();
    expect(n).toMatchObject({ recipient: 'grid.yidu', attempts: 1, last_error: null });
    expect(n.sent_at).not.toBeNull();
  });

  it('retries a failing SMS provider with growing backoff until it goes through, once', async () => {
    const sender = new FlakySender(2);
    dispatchOf(t.p).notifier.useSender(sender);
    try {
      const m = await publishCase(t.p, caseOpened({ title: '重试测试', location: { gridCode: yidu } }));
      let [row] = await smsOutbox(m.caseId);
      expect(row).toMatchObject({ attempts: 1, last_error: expect.stringContaining('gateway timeout') });
      const wait1 = new Date(row.available_at).getTime() - Date.now();
      expect(wait1).toBeGreaterThan(1000);
      expect(wait1).toBeLessThanOrEqual(2100);
      await t.p.outbox.drain();
      expect(sender.sent).toHaveLength(0);

      // Time passes: make the message due now rather than waiting.
      await t.p.db.updateTable('outbox').set({ available_at: new Date() }).where('id', '=', row.id).execute();
      await t.p.outbox.drain();
      [row] = await smsOutbox(m.caseId);
      const wait2 = new Date(row.available_at).getTime() - Date.now();
      expect(row.attempts).toBe(2);
      expect(wait2).toBeGreaterThan(3000);
      expect(wait2).toBeLessThanOrEqual(4100);

      await t.p.db.updateTable('outbox').set({ available_at: new Date() }).where('id', '=', row.id).execute();
      await t.p.outbox.drain();
      // Sent: the message has left the queue.
      expect(await smsOutbox(m.caseId)).toEqual([]);
      expect(sender.sent).toEqual([{ phone: '13905711003', text: expect.stringContaining('重试测试') }]);
      const n = await t.p.db.selectFrom('dispatch_notification').selectAll().where('case_id', '=', m.caseId).where('channel', '=', 'sms').executeTakeFirstOrThrow();
      expect(n).toMatchObject({ attempts: 3, last_error: null });
      // A second delivery of the same message (at-least-once) does not text again.
      await dispatchOf(t.p).notifier.deliverSms(row.payload);
      expect(sender.sent).toHaveLength(1);
    } finally {
      dispatchOf(t.p).notifier.useSender(new FileSmsSender(t.dataDir));
    }
  });

  describe('live stream', () => {
    let base: string;
    const open: SseConnection[] = [];
    beforeAll(async () => {
      base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    });
    afterAll(() => {
      for (const c of open) c.close();
    });
    const connect = async (username: string, headers: Record<string, string> = {}) => {
      const cookie = username === 'admin' ? await t.login('admin') : await t.login(username, PASSWORD);
      const c = openSse(`${base}/api/dispatch/stream`, { cookie, ...headers });
      open.push(c);
      await c.ready;
      return c;
    };
    const caseIds = (c: SseConnection) => c.events.filter((e) => e.event === 'case').map((e) => JSON.parse(e.data).caseId as string);
    const until = async (cond: () => boolean) => {
      for (let i = 0; i < 100 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
    };

    it('delivers each case to the consoles of its unit and the district, and to no one else', async () => {
      const [admin, tms, gridYidu, gridJc, jincheng] = await Promise.all([connect('admin'), connect('tms'), connect('grid.yidu'), connect('grid.jc'), connect('jincheng')]);
      const a = await publishCase(t.p, caseOpened({ title: 'A', location: { gridCode: yidu } }));
      const b = await publishCase(t.p, caseOpened({ title: 'B', location: { gridCode: jc } }));
      await until(() => caseIds(admin).includes(b.caseId) && caseIds(gridJc).includes(b.caseId) && caseIds(tms).includes(a.caseId));
      expect(caseIds(admin)).toEqual(expect.arrayContaining([a.caseId, b.caseId]));
      expect(caseIds(tms)).toContain(a.caseId);
      expect(caseIds(tms)).not.toContain(b.caseId);
      expect(caseIds(gridYidu)).toEqual([a.caseId]);
      expect(caseIds(gridJc)).toEqual([b.caseId]);
      expect(caseIds(jincheng)).toEqual([b.caseId]);
      const item = JSON.parse(gridYidu.events[0].data);
      expect(item).toMatchObject({ kind: 'dispatch', unit: { kind: 'grid', code: yidu }, text: expect.stringContaining('A') });
      expect(Number(gridYidu.events[0].id)).toBe(item.id);

      // A transition reaches the same consoles.
      const g = await t.login('grid.yidu', PASSWORD);
      expect((await t.as(g, { method: 'POST', url: `/api/dispatch/cases/${a.caseId}/transitions`, payload: { action: 'accept', expectedVersion: 1 } })).statusCode).toBe(200);
      await until(() => tms.events.some((e) => JSON.parse(e.data).kind === 'accept'));
      expect(tms.events.map((e) => JSON.parse(e.data).kind)).toContain('accept');
      expect(gridJc.events.map((e) => JSON.parse(e.data).kind)).not.toContain('accept');
    });

    it('replays what a reconnecting console missed, after its Last-Event-ID, still scoped', async () => {
      const first = await connect('grid.jc');
      const m = await publishCase(t.p, caseOpened({ title: 'C', location: { gridCode: jc } }));
      await until(() => caseIds(first).includes(m.caseId));
      first.close();
      const lastId = first.events.at(-1)!.id!;
      const missed = await publishCase(t.p, caseOpened({ title: 'D', location: { gridCode: jc } }));
      await publishCase(t.p, caseOpened({ title: 'E', location: { gridCode: yidu } }));
      const again = await connect('grid.jc', { 'last-event-id': lastId });
      await until(() => caseIds(again).includes(missed.caseId));
      expect(caseIds(again)).toEqual([missed.caseId]);
      const fromStart = await connect('grid.jc', { 'last-event-id': '0' });
      await until(() => caseIds(fromStart).includes(missed.caseId));
      expect(new Set(caseIds(fromStart)).size).toBe(3);
    });

    it('refuses the stream without dispatch.read', async () => {
      await t.p.users.create(null, { username: 'window1', displayName: 'w', password: PASSWORD, role: 'window_staff', scope: { kind: 'district', code: '330112' } });
      const c = openSse(`${base}/api/dispatch/stream`, { cookie: await t.login('window1', PASSWORD) });
      await expect(c.ready).rejects.toThrow(/HTTP 403/);
    });
  });
});
