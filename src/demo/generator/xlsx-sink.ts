/**
 * An .xlsx file written row by row through exceljs's streaming writer (no shared strings, no
 * styles: constant memory however many rows), with fixed document and zip timestamps so that the
 * same seed gives the same bytes.
 */
import ExcelJS from 'exceljs';
import { fixZipTimestamps } from './zip-timestamps.js';

export class XlsxSink {
  rows = 0;
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;

  constructor(
    private readonly path: string,
    sheetName: string,
    header: readonly string[],
    private readonly when: Date,
  ) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: false, useSharedStrings: false });
    this.workbook.created = when;
    this.workbook.modified = when;
    this.workbook.creator = 'Tianmu demo generator';
    this.sheet = this.workbook.addWorksheet(sheetName);
    this.sheet.addRow([...header]).commit();
  }

  row(cells: readonly (string | number)[]): void {
    this.sheet.addRow([...cells]).commit();
    this.rows++;
  }

  async close(): Promise<void> {
    this.sheet.commit();
    await this.workbook.commit();
    await fixZipTimestamps(this.path, this.when);
  }
}
