import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import type { ApiCall } from './api-recorder.js';

interface PolicyRule {
  readonly apiGroups?: string[];
  readonly resources?: string[];
  readonly verbs?: string[];
  readonly resourceNames?: string[];
}

/** The rules of every ClusterRole and Role in a manifest file. */
export async function readRbacRules(file: string): Promise<PolicyRule[]> {
  const documents = parseAllDocuments(await readFile(file, 'utf8')).map((d) => d.toJSON() as unknown);
  return documents.flatMap((doc) => {
    const object = doc as { kind?: string; rules?: PolicyRule[] } | null;
    return object?.kind === 'ClusterRole' || object?.kind === 'Role' ? (object.rules ?? []) : [];
  });
}

/** True when some rule grants `call` (a rule limited to resourceNames counts: the code uses those names). */
export function grants(rules: readonly PolicyRule[], call: ApiCall): boolean {
  return rules.some(
    (r) =>
      (r.apiGroups ?? []).includes(call.apiGroup) &&
      (r.resources ?? []).includes(call.resource) &&
      (r.verbs ?? []).some((v) => v === call.verb || v === '*'),
  );
}
