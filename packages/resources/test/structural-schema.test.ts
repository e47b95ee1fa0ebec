import { describe, expect, it } from 'vitest';
import { ALERT_RULE_CRD, buildCrd, LOG_SOURCE_CRD, type JsonValue } from '../src/index.js';

/** Every place a structural schema would be rejected by the API server, as JSON paths. */
function violations(node: JsonValue, path: string, out: string[]): string[] {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return out;
  for (const banned of ['anyOf', 'oneOf', 'const', 'patternProperties', '$id', '$ref', 'format']) {
    if (banned in node) out.push(`${path}: ${banned}`);
  }
  if (!('type' in node) && !('x-kubernetes-preserve-unknown-fields' in node)) out.push(`${path}: no type`);
  const properties = node.properties;
  if (typeof properties === 'object' && properties !== null && !Array.isArray(properties)) {
    for (const [name, child] of Object.entries(properties)) violations(child, `${path}.${name}`, out);
  }
  if (node.items !== undefined) violations(node.items, `${path}[]`, out);
  if (typeof node.additionalProperties === 'object') violations(node.additionalProperties, `${path}{}`, out);
  return out;
}

describe.each([LOG_SOURCE_CRD, ALERT_RULE_CRD])('CRD of $kind', (definition) => {
  const crd = buildCrd(definition);
  const version = (crd.spec as { versions: { schema: { openAPIV3Schema: JsonValue } }[] }).versions[0]!;

  it('is a structural schema the API server accepts', () => {
    expect(violations(version.schema.openAPIV3Schema, '', [])).toEqual([]);
  });

  it('has a status subresource and the Ready and Age printer columns', () => {
    expect(version).toMatchObject({ subresources: { status: {} } });
    const columns = (version as unknown as { additionalPrinterColumns: { name: string }[] })
      .additionalPrinterColumns;
    expect(columns.map((c) => c.name)).toEqual(expect.arrayContaining(['Ready', 'Age']));
  });
});
