/**
 * Sets every entry time in a zip file to one fixed value. exceljs (through archiver) stamps each
 * xlsx part with the wall clock and offers no option to change it, which would make the same seed
 * give different bytes; rewriting the DOS time fields afterwards is the smallest fix.
 */
import { readFile, writeFile } from 'node:fs/promises';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** DOS date/time for a UTC date (2-second resolution). */
function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

export async function fixZipTimestamps(path: string, when: Date): Promise<void> {
  const buf = await readFile(path);
  const { time, date } = dosDateTime(when);
  let eocd = -1;
  for (let p = buf.length - 22; p >= Math.max(0, buf.length - 22 - 65_535); p--) {
    if (buf.readUInt32LE(p) === EOCD) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${path} is not a zip file (no end-of-central-directory record)`);
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (buf.readUInt32LE(p) !== CENTRAL) throw new Error(`${path}: broken central directory at ${p}`);
    buf.writeUInt16LE(time, p + 12);
    buf.writeUInt16LE(date, p + 14);
    const local = buf.readUInt32LE(p + 42);
    if (buf.readUInt32LE(local) !== LOCAL) throw new Error(`${path}: broken local header at ${local}`);
    buf.writeUInt16LE(time, local + 10);
    buf.writeUInt16LE(date, local + 12);
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  await writeFile(path, buf);
}
