import type { CaseRow } from '../case-views.service.js';
import type { Category } from '../taxonomy.service.js';

/** GeoReport v2 wants ISO 8601 with a zone; Tianmu shows times in Asia/Shanghai (UTC+8, no DST). */
export function shanghaiIso(d: Date | null): string | null {
  if (!d) return null;
  return new Date(d.getTime() + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

export function serviceOf(c: Category, en: boolean) {
  return {
    service_code: c.code,
    service_name: en ? c.labelEn : c.labelZh,
    description: en ? `${c.labelEn} (${c.labelZh})` : `${c.labelZh} (${c.labelEn})`,
    metadata: false,
    type: 'realtime',
    keywords: [c.labelZh, c.labelEn].join(','),
    group: en ? c.groupEn : c.groupZh,
  };
}

/** A case as a GeoReport service request. The reporter's contact details are never part of it. */
export function requestOf(c: CaseRow, categories: Map<string, Category>, en: boolean) {
  const cat = categories.get(c.category);
  return {
    service_request_id: c.id,
    status: c.status,
    status_notes: c.status_notes,
    service_name: cat ? (en ? cat.labelEn : cat.labelZh) : c.category,
    service_code: c.category,
    description: c.description,
    agency_responsible: c.agency_responsible,
    service_notice: null,
    requested_datetime: shanghaiIso(c.opened_at),
    updated_datetime: shanghaiIso(c.updated_at),
    expected_datetime: null,
    address: c.address,
    address_id: null,
    zipcode: null,
    lat: c.lat,
    long: c.lon,
    media_url: c.media_url,
  };
}

const escapeXml = (v: string) => v.replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch]!);
// XML 1.0 cannot carry most control characters, even escaped.
const xmlText = (v: unknown) => escapeXml(String(v)).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');

/** The spec's XML form: a root element holding one element per item, one child per field. */
export function toXml(root: string, item: string, items: Array<Record<string, unknown>>): string {
  const body = items
    .map((o) => `<${item}>${Object.entries(o).map(([k, v]) => (v === null || v === undefined ? `<${k}/>` : Array.isArray(v) ? `<${k}/>` : `<${k}>${xmlText(v)}</${k}>`)).join('')}</${item}>`)
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><${root}>${body}</${root}>`;
}
