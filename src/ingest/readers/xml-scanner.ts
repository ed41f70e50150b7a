/**
 * A minimal streaming XML tokenizer for the few SpreadsheetML parts the XLSX reader needs.
 * Written here because exceljs's streaming reader decodes each inflated chunk on its own and so
 * garbles Chinese characters split across chunks; this one is fed text from one streaming decoder.
 * Element names lose their namespace prefix (x:c -> c); text is passed raw, see decodeXml.
 */
export interface XmlHandler {
  open(name: string, tag: string, selfClosing: boolean): void;
  close(name: string): void;
  text(raw: string): void;
}

export class XmlScanner {
  private rest = '';

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: string): void {
    const s = this.rest ? this.rest + chunk : chunk;
    const h = this.handler;
    let i = 0;
    for (;;) {
      const lt = s.indexOf('<', i);
      if (lt === -1) {
        if (i < s.length) h.text(s.slice(i));
        i = s.length;
        break;
      }
      if (lt > i) h.text(s.slice(i, lt));
      i = lt;
      const c = s.charCodeAt(lt + 1);
      if (Number.isNaN(c)) break;
      if (c === 0x3f /* ? */ || c === 0x21 /* ! */) {
        const cdata = s.startsWith('<![CDATA[', lt);
        const terminator = cdata ? ']]>' : c === 0x3f ? '?>' : s.startsWith('<!--', lt) ? '-->' : '>';
        const end = s.indexOf(terminator, lt + 2);
        if (end === -1) break;
        if (cdata) h.text(s.slice(lt + 9, end).replace(/&/g, '&amp;').replace(/</g, '&lt;'));
        i = end + terminator.length;
        continue;
      }
      const gt = tagEnd(s, lt + 1);
      if (gt === -1) break;
      if (c === 0x2f /* / */) {
        h.close(localName(s.slice(lt + 2, gt).trim()));
      } else {
        const selfClosing = s.charCodeAt(gt - 1) === 0x2f;
        const tag = s.slice(lt + 1, selfClosing ? gt - 1 : gt);
        let space = 0;
        while (space < tag.length && tag.charCodeAt(space) > 0x20) space++;
        const name = localName(tag.slice(0, space));
        h.open(name, tag, selfClosing);
        if (selfClosing) h.close(name);
      }
      i = gt + 1;
    }
    this.rest = s.slice(i);
  }
}

/** Index of the `>` closing a tag, skipping quoted attribute values (they may hold a raw `>`). */
function tagEnd(s: string, from: number): number {
  let quote = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return i;
  }
  return -1;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** Value of attribute `name` in a raw tag (prefix-insensitive for r:id style names), decoded. */
export function attr(tag: string, name: string): string | undefined {
  // Fast path for the usual ` name="value"` (row and cell tags, millions of them); regex otherwise.
  const key = ` ${name}="`;
  const at = tag.indexOf(key);
  if (at !== -1) {
    const value = tag.slice(at + key.length, tag.indexOf('"', at + key.length));
    return value.includes('&') ? decodeXml(value) : value;
  }
  if (!tag.includes(`${name}=`) && !tag.includes(`${name} `)) return undefined;
  let re = ATTR_PATTERNS.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTR_PATTERNS.set(name, re);
  }
  const m = re.exec(tag);
  if (!m) return undefined;
  return decodeXml(m[1] ?? m[2]);
}

const ATTR_PATTERNS = new Map<string, RegExp>();
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML entities, then Excel's _xHHHH_ escapes for control characters (_x005F_ escapes the underscore). */
export function decodeXml(raw: string): string {
  let s = raw;
  if (s.includes('&')) {
    s = s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITIES[e],
    );
  }
  if (s.includes('_x')) s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return s;
}
