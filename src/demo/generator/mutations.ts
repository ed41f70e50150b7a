/**
 * The mistakes planted in department files, each a pure function of the clean value (and the
 * random stream), so the truth can say exactly what was done to a row.
 */
import iconv from 'iconv-lite';
import { ConverterFactory } from 'opencc-js/core';
import STCharacters from 'opencc-js/dict/STCharacters';
import { REFERENCE_DAY, addYears, dayOf, yearOf, ymd } from './dates.js';
import { loadFixture } from './fixtures.js';
import type { Rng } from './rng.js';

/** ０１２ for 012, ＡＢ for AB: what a Chinese input method in full-width mode types. */
export function toFullWidth(s: string): string {
  return s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/** The first-generation 15-digit form: no century digits, no check digit. */
export function toId15(id18: string): string {
  return id18.slice(0, 6) + id18.slice(8, 17);
}

/**
 * One digit of the first 17 changed. GB 11643's weighted mod-11 check catches every single-digit
 * change, so the number fails its check; a change that breaks the birth date is redrawn, so the
 * failure is always the check digit.
 */
export function wrongDigit(rng: Rng, id: string): string {
  for (;;) {
    const pos = rng.range(2, 16);
    const old = id.charCodeAt(pos) - 48;
    const digit = (old + rng.range(1, 9)) % 10;
    const out = id.slice(0, pos) + digit + id.slice(pos + 1);
    if (pos < 6 || pos > 13 || validBirth(out.slice(6, 14))) return out;
  }
}

function validBirth(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const day = dayOf(y, m, d);
  const back = new Date(day * 86_400_000);
  return back.getUTCMonth() === m - 1 && back.getUTCDate() === d && y >= 1900 && day <= REFERENCE_DAY;
}

/** Spaces typed into a name or number: 王 伟, a trailing space, or a leading one. */
export function straySpace(rng: Rng, s: string): string {
  const chars = [...s];
  const r = rng.next();
  if (r < 0.5 && chars.length >= 2) {
    const at = rng.range(1, chars.length - 1);
    return chars.slice(0, at).join('') + (rng.chance(0.3) ? '  ' : ' ') + chars.slice(at).join('');
  }
  return r < 0.8 ? `${s} ` : ` ${s}`;
}

/** A zero-width space (from copying out of a web page or Word) somewhere inside. */
export function zeroWidth(rng: Rng, s: string): string {
  const chars = [...s];
  const at = rng.range(1, chars.length);
  return chars.slice(0, at).join('') + '\u200B' + chars.slice(at).join('');
}

interface HomophoneFile {
  given: string[];
  surname: string[];
}

/** Swaps one character of a name for one that sounds the same, as a pinyin input slip does. */
export class Homophones {
  private readonly given = new Map<string, string[]>();
  private readonly surname = new Map<string, string[]>();

  constructor() {
    const file = loadFixture<HomophoneFile>('homophones.json');
    index(file.given, this.given);
    index(file.surname, this.surname);
  }

  /** The name with one character swapped, or undefined when no character has a homophone. */
  typo(rng: Rng, name: string): string | undefined {
    const chars = [...name];
    const candidates: number[] = [];
    for (let k = 1; k < chars.length; k++) if (this.given.has(chars[k])) candidates.push(k);
    // Surnames are mistyped less often than given names, which the clerk does not know.
    const useSurname = this.surname.has(chars[0]) && (candidates.length === 0 || rng.chance(0.1));
    if (useSurname) candidates.length = 0;
    if (!useSurname && candidates.length === 0) return undefined;
    const k = useSurname ? 0 : rng.pick(candidates);
    chars[k] = rng.pick((useSurname ? this.surname : this.given).get(chars[k])!);
    return chars.join('');
  }
}

function index(groups: string[], into: Map<string, string[]>): void {
  for (const g of groups) {
    const chars = [...g];
    for (const c of chars) {
      const others = chars.filter((x) => x !== c);
      into.set(c, [...new Set([...(into.get(c) ?? []), ...others])]);
    }
  }
}

/**
 * Converts names to traditional characters (张丽华 → 張麗華), as entered on a Taiwan- or Hong
 * Kong-set machine or copied from an old record. The converter returns undefined when nothing
 * changes or GBK cannot hold the result. Character by character only: names have no phrases to
 * segment, and OpenCC's phrase dictionaries take ~350 ms and ~40 MB to load.
 */
export function makeTraditionalizer(): (name: string) => string | undefined {
  const convert = ConverterFactory([STCharacters]);
  return (name) => {
    const t = convert(name);
    if (t === name) return undefined;
    return iconv.decode(iconv.encode(t, 'gbk'), 'gbk') === t ? t : undefined;
  };
}

/**
 * One digit of a 15-digit ID changed. Such IDs carry no check digit, so the slip is silent; a
 * change that breaks the birth date (YYMMDD at 6–11) is redrawn, as a clerk would notice it.
 */
export function wrongDigit15(rng: Rng, id15: string): string {
  for (;;) {
    const pos = rng.range(2, 14);
    const digit = (id15.charCodeAt(pos) - 48 + rng.range(1, 9)) % 10;
    const out = id15.slice(0, pos) + digit + id15.slice(pos + 1);
    if (pos < 6 || pos > 11 || validBirth('19' + out.slice(6, 12))) return out;
  }
}

/** The divorce's day and month under a year typed wrong, so that it falls before the wedding. */
export function mistypedYear(divorce: number, married: number): number {
  const { m, d } = ymd(divorce);
  const day = dayOf(yearOf(married) - 1, m, Math.min(d, 28));
  return day < married ? day : addYears(married, -1);
}
