/**
 * How dirty each department file is: per-row rates of planted mistakes, and the labels recorded
 * for them in truth/source-records.csv. Tune the rates here; the tests check the files against
 * these numbers, and a standardiser can be scored against the labels.
 */

export const DIRT = {
  /** 公安 户籍人口: the authoritative register, nearly clean. */
  householdRegistry: {
    nameTraditional: 0.005,
    phoneFullWidth: 0.01,
    /** Of living residents divorced or widowed since 2005: 婚姻状况 still 已婚. */
    maritalStaleAfterEnd: 0.05,
    /** Of living residents married since 2010: 婚姻状况 still 未婚. */
    maritalStaleSingle: 0.003,
  },
  /** Errors in marriage events that every file showing the event repeats. */
  marriage: {
    /** Of divorces in a file: the divorce row's date lies before the marriage (registration: a year mistyped; court: 生效日期 before 裁判日期). */
    divorceDateError: 0.004,
  },
  /** 民政 婚姻登记: from the national registration system, nearly clean. */
  marriageRegistrations: {
    /** Per party. */
    nameTypo: 0.003,
    /** Per party: one digit of the 18 wrong. */
    idDigit: 0.002,
  },
  /** 法院 离婚案件 */
  divorceJudgments: {
    /** Defendant's ID unknown (served by public notice). */
    defendantIdMissing: 0.02,
  },
  /** 档案馆 婚姻登记档案: typed from paper by a contractor. */
  marriageArchive: {
    /** Per party. */
    nameTypo: 0.03,
    nameTraditional: 0.03,
    /** Per party with an ID in the record (registrations from 1986 on). */
    idMissing: 0.08,
    idDigit: 0.02,
    /** Registration date with day and month swapped (only where both are ≤ 12 and differ). */
    dateSwapped: 0.02,
    /** Dates as 1987年5月1日 or 1987.5.1; the rest 1987-05-01. One clerk, one style per row. */
    dateChinese: 0.5,
    dateDot: 0.3,
  },
  /** 市场监管 企业登记: 成立日期 typed four ways; the rest are ISO (2015-03-02). */
  enterprises: {
    dateSlash: 0.25,
    dateChinese: 0.2,
    dateCompact: 0.15,
  },
  /** 人社 社保参保人员: the dirtiest file. */
  socialInsurance: {
    /** Of rows for people born before 2000 (only they ever held a 15-digit ID). */
    id15: 0.02,
    idDigit: 0.01,
    idMissing: 0.005,
    nameTypo: 0.01,
    /** Full-width digits in the ID or the phone. */
    fullWidth: 0.02,
    /** Spaces inside or around the name or the ID. */
    straySpace: 0.02,
    /** A zero-width space inside the name or the ID. */
    zeroWidth: 0.01,
    phoneMissing: 0.03,
    /** 出生年月 as 1985年3月 instead of 1985.03. */
    birthChinese: 0.3,
    /** 出生年月 as an Excel serial number (31107). */
    birthSerial: 0.03,
    /** Exact copies of a row, right after it. */
    duplicate: 0.003,
  },
  /** 民政 低保家庭成员 */
  dibao: {
    /** 月补助金额 as 1,230.00 */
    amountComma: 0.2,
    /** 月补助金额 as 0.123万元 */
    amountWan: 0.05,
    /** 村社区 without 村委会: 一都村 */
    villageShort: 0.4,
    /** 村社区 as the bare place name: 一都 */
    villageBare: 0.1,
  },
  /** 卫健 居民健康档案 */
  healthRecords: {
    /** Of rows for people born before 2000. */
    id15: 0.01,
    nameTypo: 0.005,
  },
} as const;

/** Mistakes about one party of a two-party row (marriage files), labelled `id15:1` or `id15:2`. */
export type PartyDirtLabel = 'name_typo' | 'name_traditional' | 'id15' | 'id_digit' | 'id_missing';

/**
 * Labels in truth/source-records.csv `dirt` (semicolon-separated). In rows about two persons a
 * label ending in `:1` is about the party in person_id, `:2` about the one in person2_id.
 */
export type DirtLabel =
  | `${PartyDirtLabel}:1`
  | `${PartyDirtLabel}:2`
  | 'name_traditional' // name in traditional characters (張麗華)
  | 'name_typo' // one character replaced by a homophone (王玮 for 王伟)
  | 'name_space' // spaces inside or around the name (王 伟)
  | 'name_zero_width' // U+200B inside the name
  | 'id15' // the old 15-digit form of the person's ID
  | 'id_digit' // one digit of the 18 wrong, so the check digit fails
  | 'id_missing' // ID left empty
  | 'id_fullwidth' // ID typed in full-width digits
  | 'id_space' // spaces inside or around the ID
  | 'id_zero_width' // U+200B inside the ID
  | 'phone_fullwidth' // phone typed in full-width digits
  | 'phone_missing' // phone left empty although the person has one
  | 'date_slash' // 2015/3/2
  | 'date_chinese' // 2015年3月2日
  | 'date_compact' // 20150302
  | 'birth_chinese' // 1985年3月
  | 'birth_serial' // Excel serial number of the first day of the birth month
  | 'duplicate' // exact copy of the previous line
  | 'amount_comma' // 1,230.00
  | 'amount_wan' // 0.123万元
  | 'village_short' // 一都村 for 一都村委会
  | 'village_bare' // 一都 for 一都村委会
  | 'marital_stale' // 婚姻状况 not updated after a divorce, a death or a wedding
  | 'date_order' // divorce dated before the marriage, or 生效日期 before 裁判日期
  | 'date_swapped' // day and month swapped: 1987-03-05 for 1987-05-03
  | 'date_dot'; // 1987.5.3

/**
 * Draws rows to dirty at a fixed rate. When a drawn row cannot take the mutation (a name with no
 * homophone to swap in), `defer()` passes it on to the next row, so the realised rate still
 * matches the constant.
 */
export class Planter {
  private owed = 0;

  constructor(
    private readonly next: () => number,
    private readonly rate: number,
  ) {}

  draw(): boolean {
    if (this.owed > 0) {
      this.owed--;
      return true;
    }
    return this.next() < this.rate;
  }

  defer(): void {
    this.owed++;
  }
}
