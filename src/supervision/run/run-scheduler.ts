import type { Platform } from '../../platform/platform.js';
import { getSetting, putSetting } from '../../platform/settings.js';
import type { ModelSpec } from '../model/model-spec.js';
import type { ModelService } from '../model/model.service.js';

export const SUPERVISION_JOB = 'supervision.run';
const LAST_KEY = 'supervision.scheduled';

/** Local date and HH:MM in Asia/Shanghai, where the schedules are written. */
export function shanghaiNow(d = new Date()): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** Models whose daily time has come today and that have not been scheduled today. */
export function dueModels(models: ModelSpec[], last: Record<string, string>, now: { date: string; time: string }): string[] {
  return models.filter((m) => m.schedule !== 'manual' && m.schedule <= now.time && last[m.id] !== now.date).map((m) => m.id);
}

/**
 * Runs each model once a day at its time, as a durable job. What was scheduled is remembered in a
 * setting before the job is queued, so a restart neither skips a day nor runs a model twice.
 */
export class RunScheduler {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly p: Platform, private readonly models: ModelService) {}

  start(intervalMs = 60_000): void {
    const loop = () => {
      void this.tick().catch((e) => this.p.log.warn(`supervision scheduler: ${(e as Error).message}`));
      this.timer = setTimeout(loop, intervalMs).unref();
    };
    this.timer = setTimeout(loop, 5_000).unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  async tick(now = shanghaiNow()): Promise<string[]> {
    const last = (await getSetting<Record<string, string>>(this.p.db, LAST_KEY)) ?? {};
    const due = dueModels(await this.models.current(), last, now);
    if (due.length === 0) return [];
    await putSetting(this.p.db, LAST_KEY, { ...last, ...Object.fromEntries(due.map((id) => [id, now.date])) });
    await this.p.jobs.enqueue(SUPERVISION_JOB, `定时运行预警模型 (${due.length})`, { modelIds: due, actor: 'scheduler' }, 'scheduler');
    return due;
  }
}
