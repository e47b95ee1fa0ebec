import type { LabelSelector } from '@loglens/resources';

/**
 * A label selector in the text form of the `labelSelector` query parameter: `matchLabels` as `k=v`, then
 * `k in (a,b)`, `k notin (a)`, `k` and `!k` for the expressions; all ANDed. The empty text selects everything.
 */
export function labelSelectorQuery(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    if (operator === 'In') parts.push(`${key} in (${values.join(',')})`);
    else if (operator === 'NotIn') parts.push(`${key} notin (${values.join(',')})`);
    else if (operator === 'Exists') parts.push(key);
    else parts.push(`!${key}`);
  }
  return parts.join(',');
}
