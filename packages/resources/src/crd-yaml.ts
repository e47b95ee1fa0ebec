import { stringify } from 'yaml';
import { ALERT_RULE_CRD, buildCrd, LOG_SOURCE_CRD } from './crd.js';

/** A CRD file: its name under `k8s/crds/` and its YAML text. */
export interface CrdFile {
  readonly fileName: string;
  readonly yaml: string;
}

const HEADER =
  '# Generated from packages/resources (the single source of truth) by `npm run crds`. Do not edit.\n';

/** The YAML files of every LogLens CRD, as `npm run crds` writes them. */
export function renderCrdFiles(): CrdFile[] {
  return [LOG_SOURCE_CRD, ALERT_RULE_CRD].map((definition) => {
    const crd = buildCrd(definition);
    return {
      fileName: `${definition.plural}.loglens.io.yaml`,
      yaml: HEADER + stringify(crd, { lineWidth: 0, singleQuote: true }),
    };
  });
}
