import { badRequest, type JsonObject } from './api-errors.js';

type Requirement = (labels: Readonly<Record<string, string>>) => boolean;

/** Parses a label selector (`a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`). */
export function parseLabelSelector(text: string): Requirement[] {
  const parts = text.match(/[^,(]+(?:\([^)]*\))?/g) ?? [];
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .map((part): Requirement => {
      const set = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part);
      if (set) {
        const values = set[3]!.split(',').map((v) => v.trim());
        const key = set[1]!;
        return set[2] === 'in'
          ? (l) => l[key] !== undefined && values.includes(l[key])
          : (l) => l[key] === undefined || !values.includes(l[key]);
      }
      const compare = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(part);
      if (compare) {
        const [, key, op, value] = compare as unknown as [string, string, string, string];
        return op === '!=' ? (l) => l[key] !== value : (l) => l[key] === value;
      }
      const exists = /^(!?)([\w./-]+)$/.exec(part);
      if (exists) return exists[1] ? (l) => l[exists[2]!] === undefined : (l) => l[exists[2]!] !== undefined;
      throw badRequest(`unable to parse requirement: ${part}`);
    });
}

/** Parses a field selector; only `metadata.name` and `metadata.namespace` (= and !=) are supported. */
export function parseFieldSelector(text: string): ((object: JsonObject) => boolean)[] {
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(metadata\.name|metadata\.namespace)\s*(==|=|!=)\s*(.*)$/.exec(part);
      if (!match) throw badRequest(`field label not supported: ${part.split(/[=!]/)[0]}`);
      const field = match[1] === 'metadata.name' ? 'name' : 'namespace';
      const value = match[3]!;
      return (object: JsonObject) => {
        const actual = (object.metadata as JsonObject | undefined)?.[field];
        return match[2] === '!=' ? actual !== value : actual === value;
      };
    });
}

/** Whether an object passes the label and field selectors of a request. */
export function selects(
  object: JsonObject,
  labels: Requirement[],
  fields: ((o: JsonObject) => boolean)[],
): boolean {
  const metadata = (object.metadata ?? {}) as JsonObject;
  const objectLabels = (metadata.labels ?? {}) as Record<string, string>;
  return labels.every((r) => r(objectLabels)) && fields.every((f) => f(object));
}
