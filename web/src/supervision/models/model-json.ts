/**
 * The model definition as the editor shows it. The server keeps specs as jsonb, which reorders
 * keys by length; this puts them back in the order of model-spec.ts and keeps what fits on a line
 * (a condition such as ["e.status", "in", ["存续", "在业"]]) on one line. Written here rather than
 * taken from json-stringify-pretty-compact because the key order is specific to model specs.
 */
const ORDER = [
  'id', 'version', 'domain', 'name', 'nameEn', 'label', 'labelEn', 'description', 'legalBasis', 'kind', 'as', 'dataset', 'source',
  'samePerson', 'relativeOf', 'equal', 'parties', 'party', 'relations', 'field', 'days', 'subject', 'sources', 'join', 'where', 'exclusions', 'reason', 'when',
  'group', 'anchor', 'collect', 'having', 'params', 'evidence', 'severity', 'inputs', 'rules', 'dedupKey', 'autoDispatch', 'eventCategory', 'place', 'schedule',
];
const WIDTH = 120;

const rank = (k: string) => {
  const i = ORDER.indexOf(k);
  return i < 0 ? ORDER.length : i;
};

function ordered(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(ordered);
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(Object.keys(o).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((k) => [k, ordered(o[k])]));
}

function inline(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
  if (v && typeof v === 'object') {
    const e = Object.entries(v);
    return e.length ? `{ ${e.map(([k, x]) => `${JSON.stringify(k)}: ${inline(x)}`).join(', ')} }` : '{}';
  }
  return JSON.stringify(v);
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const primitive = (v: unknown) => !v || typeof v !== 'object';
/** A value an object may hold and still go on one line: a primitive, a flat object, a list of primitives or of such lists (join pairs). */
const simple = (v: unknown): boolean =>
  primitive(v) || (Array.isArray(v) ? v.every((x) => primitive(x) || (Array.isArray(x) && x.every(primitive))) : Object.values(v as object).every(primitive));

function render(v: unknown, indent: string): string {
  const one = inline(v);
  if (!v || typeof v !== 'object') return one;
  // A list of conditions fits on a line; several objects (severity rules) go one per line; an object
  // only when its parts are simple (not a source with conditions).
  const fits = Array.isArray(v) ? v.filter(isObject).length <= 1 : Object.values(v).every(simple);
  if (indent.length + one.length <= WIDTH && fits) return one;
  const inner = `${indent}  `;
  if (Array.isArray(v)) return `[\n${v.map((x) => inner + render(x, inner)).join(',\n')}\n${indent}]`;
  const e = Object.entries(isObject(v) ? v : {});
  return `{\n${e.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${render(x, inner)}`).join(',\n')}\n${indent}}`;
}

export function formatModelJson(spec: unknown): string {
  return render(ordered(spec), '');
}
