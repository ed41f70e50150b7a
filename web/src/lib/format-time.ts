import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The district's wall clock: the server stores UTC, people read Beijing time. */
export const DISPLAY_TZ = 'Asia/Shanghai';

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs.utc(iso);
  return d.isValid() ? d.tz(DISPLAY_TZ).format('YYYY-MM-DD HH:mm:ss') : iso;
}

/** Start of the picked calendar day in Shanghai, as UTC ISO, whatever the browser's own zone is. */
export function shanghaiDayStart(d: dayjs.Dayjs): string {
  return dayjs.tz(d.format('YYYY-MM-DD'), DISPLAY_TZ).startOf('day').toISOString();
}

export function shanghaiDayEnd(d: dayjs.Dayjs): string {
  return dayjs.tz(d.format('YYYY-MM-DD'), DISPLAY_TZ).endOf('day').toISOString();
}
