import type { StatusCause } from './api-errors.js';
import { isJsonObject, walkSchema } from './schema-walk.js';
import type { JsonObject } from './api-errors.js';

// Not a CEL implementation: it evaluates the forms LogLens CRDs use and reports any other rule as
// unsupported, so a rule is never silently treated as passing without the caller knowing.
const EXISTS_ONE = /^\[(.*)\]\.exists_one\(\s*(\w+)\s*,\s*(\w+)\s*\)$/;
const HAS = /^has\(self\.([A-Za-z_][A-Za-z0-9_]*)\)$/;
const HAS_COMPARE = /^has\(self\.(\w+)\)\s*(==|!=)\s*has\(self\.(\w+)\)$/;

/** Result of a rule: true or false, or undefined when the evaluator does not understand it. */
export function evaluateRule(rule: string, self: unknown): boolean | undefined {
  const has = (field: string) => isJsonObject(self) && self[field] !== undefined;
  const text = rule.trim();
  const existsOne = EXISTS_ONE.exec(text);
  if (existsOne && existsOne[2] === existsOne[3]) {
    const items = existsOne[1]!.split(',').map((item) => HAS.exec(item.trim()));
    if (items.some((m) => !m)) return undefined;
    return items.filter((m) => has(m![1]!)).length === 1;
  }
  const compare = HAS_COMPARE.exec(text);
  if (compare)
    return compare[2] === '=='
      ? has(compare[1]!) === has(compare[3]!)
      : has(compare[1]!) !== has(compare[3]!);
  return undefined;
}

/** Failed `x-kubernetes-validations` as causes, and the rules that could not be evaluated. */
export function checkCelRules(
  schema: JsonObject,
  object: JsonObject,
): { causes: StatusCause[]; unsupported: string[] } {
  const causes: StatusCause[] = [];
  const unsupported: string[] = [];
  walkSchema(schema, object, '', (node, value, path) => {
    const rules = Array.isArray(node['x-kubernetes-validations']) ? node['x-kubernetes-validations'] : [];
    for (const entry of rules) {
      if (!isJsonObject(entry) || typeof entry.rule !== 'string') continue;
      const result = evaluateRule(entry.rule, value);
      if (result === undefined) unsupported.push(entry.rule);
      else if (!result) {
        const message = typeof entry.message === 'string' ? entry.message : `failed rule: ${entry.rule}`;
        causes.push({
          reason: 'FieldValueInvalid',
          field: path,
          message: `Invalid value: "object": ${message}`,
        });
      }
    }
  });
  return { causes, unsupported };
}
