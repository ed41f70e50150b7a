import { posix } from 'node:path';
import { SourceFileError } from './types.js';
import { attr, decodeXml, XmlScanner } from './xml-scanner.js';
import { isDateFormat } from './xlsx-cells.js';
import type { ZipEntry, ZipFile } from './zip-file.js';

export interface WorkbookParts {
  sheet: ZipEntry;
  date1904: boolean;
  /** Per cell style index (the `s` attribute): true when its number format shows a date or time. */
  dateStyles: boolean[];
  sharedStrings: string[];
}

// Built-in number formats that display dates or times, including the locale ones zh-CN Excel uses
// (27-36, 50-58), which files reference by id only, with no format code.
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Finds the first worksheet in workbook order and loads what its cells refer to. */
export async function readWorkbookParts(zip: ZipFile): Promise<WorkbookParts> {
  const entry = (path: string) => zip.entries.get(path);
  const rootRels = entry('_rels/.rels');
  const rootTargets = rootRels ? relationships(await zip.text(rootRels), '') : [];
  const workbookPath = rootTargets.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const workbook = entry(workbookPath);
  if (!workbook) throw new SourceFileError('unsupported_format', 'the ZIP archive holds no workbook; is it really an .xlsx file?');
  const dir = posix.dirname(workbookPath);
  const relsEntry = entry(posix.join(dir, '_rels', `${posix.basename(workbookPath)}.rels`));
  const rels = relsEntry ? relationships(await zip.text(relsEntry), dir) : [];

  let firstSheetId: string | undefined;
  let date1904 = false;
  scan(await zip.text(workbook), (name, tag) => {
    if (name === 'sheet' && firstSheetId === undefined) firstSheetId = attr(tag, 'id');
    if (name === 'workbookPr') date1904 = /^(1|true)$/.test(attr(tag, 'date1904') ?? '');
  });
  const sheetPath = rels.find((r) => r.id === firstSheetId)?.target;
  const sheet = sheetPath ? entry(sheetPath) : undefined;
  if (!sheet) throw new SourceFileError('unsupported_format', 'the workbook has no readable first worksheet (is it a chart sheet?)');

  const stylesEntry = entry(rels.find((r) => r.type.endsWith('/styles'))?.target ?? posix.join(dir, 'styles.xml'));
  const stringsEntry = entry(rels.find((r) => r.type.endsWith('/sharedStrings'))?.target ?? posix.join(dir, 'sharedStrings.xml'));
  return {
    sheet,
    date1904,
    dateStyles: stylesEntry ? dateStyles(await zip.text(stylesEntry)) : [],
    sharedStrings: stringsEntry ? await sharedStrings(zip, stringsEntry) : [],
  };
}

function scan(xml: string, open: (name: string, tag: string) => void): void {
  const scanner = new XmlScanner({ open, close: () => undefined, text: () => undefined });
  scanner.write(xml);
}

function relationships(xml: string, base: string): Array<{ id: string; type: string; target: string }> {
  const out: Array<{ id: string; type: string; target: string }> = [];
  scan(xml, (name, tag) => {
    if (name !== 'Relationship' || attr(tag, 'TargetMode') === 'External') return;
    const target = attr(tag, 'Target') ?? '';
    out.push({ id: attr(tag, 'Id') ?? '', type: attr(tag, 'Type') ?? '', target: target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(base, target)) });
  });
  return out;
}

function dateStyles(xml: string): boolean[] {
  const codes = new Map<number, string>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  const scanner = new XmlScanner({
    open(name, tag) {
      if (name === 'numFmt') codes.set(Number(attr(tag, 'numFmtId')), attr(tag, 'formatCode') ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(attr(tag, 'numFmtId') ?? 0);
        const code = codes.get(id);
        styles.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text: () => undefined,
  });
  scanner.write(xml);
  return styles;
}

/** Shared strings, streamed: each <si> is the concatenation of its <t> runs, phonetic guides (<rPh>) left out. */
async function sharedStrings(zip: ZipFile, entry: ZipEntry): Promise<string[]> {
  const strings: string[] = [];
  let parts: string[] = [];
  let inText = false;
  let inPhonetic = false;
  const scanner = new XmlScanner({
    open(name, _tag, selfClosing) {
      if (name === 'si') parts = [];
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 't' && !inPhonetic && !selfClosing) inText = true;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si') strings.push(decodeXml(parts.join('')));
    },
    text(raw) {
      if (inText) parts.push(raw);
    },
  });
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of zip.stream(entry)) scanner.write(decoder.decode(chunk, { stream: true }));
  scanner.write(decoder.decode());
  return strings;
}
