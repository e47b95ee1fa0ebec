import type { JsonObject } from './api-errors.js';
import { selectJsonPath } from './json-path.js';
import type { PrinterColumn, ResourceType } from './resource-types.js';

/** Whether a request asked for a `meta.k8s.io` Table (what `kubectl get` does). */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => part.includes('as=Table'));
}

/** Age as kubectl prints it: `45s`, `3m20s`, `5h`, `2d3h`, `40d`. */
export function humanAge(milliseconds: number): string {
  const s = Math.max(0, Math.floor(milliseconds / 1000));
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  const d = Math.floor(h / 24);
  if (s < 120) return `${s}s`;
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (h < 3) return `${m}m`;
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  if (d < 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  if (d < 365 * 2) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
}

const AGE: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

function cell(object: JsonObject, column: PrinterColumn, now: number): unknown {
  const values = selectJsonPath(object, column.jsonPath);
  if (values.length === 0) return null;
  if (column.type === 'date') {
    const time = Date.parse(String(values[0]));
    return Number.isNaN(time) ? null : humanAge(now - time);
  }
  if (values.length === 1 && typeof values[0] !== 'object') return values[0];
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(',');
}

/** The Table a real server returns for `kubectl get`: Name, then the CRD's printer columns (or Age). */
export function toTable(
  type: ResourceType,
  objects: readonly JsonObject[],
  resourceVersion: string,
): JsonObject {
  const columns = type.printerColumns.length > 0 ? type.printerColumns : [AGE];
  const now = Date.now();
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: [
      { name: 'Name', type: 'string', format: 'name', description: 'Name of the object.', priority: 0 },
      ...columns.map((c) => ({
        name: c.name,
        type: c.type,
        format: c.format ?? '',
        description: c.description ?? '',
        priority: c.priority ?? 0,
      })),
    ],
    rows: objects.map((object) => {
      const metadata = (object.metadata ?? {}) as JsonObject;
      return {
        cells: [metadata.name, ...columns.map((c) => cell(object, c, now))],
        object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata },
      };
    }),
  };
}
