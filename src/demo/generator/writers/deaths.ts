/**
 * 公安局 死亡人口信息: everyone of the district who has died, by date of death, with the day the
 * household registration was cancelled (empty while it is still pending). The registry of the
 * living does not list them.
 */
import { isoDate } from '../dates.js';
import type { DirtLabel } from '../dirt.js';
import { RowDirt } from '../supervision/row-dirt.js';
import { supervisionWriter } from '../supervision/table.js';

const DATASET = 'gongan.deaths';

export const deaths = supervisionWriter({
  dataset: DATASET,
  department: '公安局',
  title: '死亡人口信息',
  description: '户籍人口死亡登记，按死亡日期排列；户籍注销日期为空表示尚未注销。少量 15 位旧身份证号与繁体姓名。UTF-8。',
  header: ['姓名', '身份证号', '死亡日期', '户籍注销日期', '村社区代码'],
  count: (f) => f.deaths.length,
  *rows(pop, f, ctx) {
    const rng = ctx.rng(DATASET);
    const dirt = new RowDirt(pop, rng, DATASET);
    const { people, households, district } = pop;
    for (const i of f.deaths) {
      const labels: DirtLabel[] = [];
      const died = people.death[i];
      const cancelled = died + rng.range(3, 45);
      yield {
        cells: [
          dirt.name(i, labels),
          dirt.id(i, labels),
          isoDate(died),
          cancelled < f.asOf ? isoDate(cancelled) : '',
          district.villages[households.village[people.household[i]]].code,
        ],
        person: i,
        dirt: labels,
      };
    }
  },
});
