/**
 * Which office registered each marriage and divorce, which divorces went to court, and which
 * events reached a file the district holds. Decided once here, so the 民政, court and archive
 * files and the conflict truth agree on what the sources say.
 *
 * Brides from Anhui or Jiangxi often registered in their home county; such registrations reach
 * the district's 民政 file only when they were reported in. Before 2000 the district's own
 * registrations are in the archive, as far as it has been digitised. Court files start in 2000.
 */
import { dayOf } from './dates.js';
import { DIRT } from './dirt.js';
import { isLinanId, OUTSIDE_COUNTIES, placeOfId } from './marriage-places.js';
import { END, MF, type MarriageTable, type OtherPersonTable } from './marriages.js';
import type { PersonTable } from './people.js';
import type { Rng } from './rng.js';

/** Events from this day on are in the 民政 and court files; earlier ones in the archive. */
export const RECORDS_FROM = dayOf(2000, 1, 1);

const RATES = {
  /** Marriages with a partner from another county registered there. */
  outsideIfPartnerFromElsewhere: 0.3,
  outsideOtherwise: 0.02,
  /** Registrations outside the district reported into the 民政 file. */
  reportedIn: 0.7,
  /** Pre-2000 district registrations the archive has digitised. */
  digitised: 0.93,
  /** Divorces since 2000 decided by the court (judgment or mediation) rather than registered. */
  judgment: 0.3,
  /** Divorce registrations at the outside county that registered the marriage. */
  divorceOutsideIfMarriedOutside: 0.5,
  divorceOutsideOtherwise: 0.04,
};

export function assignRecords(rng: Rng, table: MarriageTable, people: PersonTable, others: OtherPersonTable): void {
  const idOf = (ref: number) => (ref >= 0 ? people.idNumber[ref] : others.idNumber[~ref]);
  const anyOutside = () => 1 + rng.int(OUTSIDE_COUNTIES.length);
  for (let m = 0; m < table.count; m++) {
    const wifeId = idOf(table.wife[m]);
    const husbandId = idOf(table.husband[m]);
    const fromElsewhere = !isLinanId(wifeId) ? wifeId : !isLinanId(husbandId) ? husbandId : '';
    let place = 0;
    if (rng.chance(fromElsewhere ? RATES.outsideIfPartnerFromElsewhere : RATES.outsideOtherwise)) {
      place = (fromElsewhere && placeOfId(fromElsewhere)) || anyOutside();
    }
    table.regPlace[m] = place;
    let flags = recorded(rng, table.married[m], place) ? MF.marriageRecorded : 0;

    if (table.isDivorce(m)) {
      const day = table.ended[m];
      let divorceRecorded: boolean;
      if (day >= RECORDS_FROM && rng.chance(RATES.judgment)) {
        table.endKind[m] = END.divorceJudgment;
        divorceRecorded = true;
      } else {
        const outside = rng.chance(place > 0 ? RATES.divorceOutsideIfMarriedOutside : RATES.divorceOutsideOtherwise);
        table.endPlace[m] = outside ? place || anyOutside() : 0;
        divorceRecorded = recorded(rng, day, table.endPlace[m]);
      }
      if (divorceRecorded) {
        flags |= MF.divorceRecorded;
        if (rng.chance(DIRT.marriage.divorceDateError)) flags |= MF.divorceDateError;
      }
    }
    table.flags[m] = flags;
  }
}

function recorded(rng: Rng, day: number, place: number): boolean {
  if (day >= RECORDS_FROM) return place === 0 || rng.chance(RATES.reportedIn);
  return place === 0 && rng.chance(RATES.digitised);
}
