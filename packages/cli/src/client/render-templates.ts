import { Template, type GetTemplateResponse } from '@loglens/proto';
import { rfc3339 } from '@loglens/query/export-format';
import { levelName, tableLine } from './render-events.js';

/** Templates as a table: count, level, last seen, source, id and the pattern. */
export function templateTable(templates: readonly Template[]): string[] {
  const rows = templates.map((t) => [
    String(t.count),
    levelName(t.level),
    rfc3339(t.lastSeen),
    t.source,
    t.id,
    t.text,
  ]);
  const header = ['COUNT', 'LEVEL', 'LAST SEEN', 'SOURCE', 'ID', 'TEMPLATE'];
  const widths = header
    .slice(0, -1)
    .map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => (i < widths.length ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ');
  return [line(header), ...rows.map(line)];
}

/** One template with its parameter statistics and examples, for people. */
export function templateDetails({ template, examples }: GetTemplateResponse): string[] {
  if (template === undefined) return [];
  const lines = [
    `template  ${template.text}`,
    `id        ${template.id}`,
    `source    ${template.source}`,
    `count     ${template.count}  (level ${levelName(template.level)})`,
    `seen      ${rfc3339(template.firstSeen)} .. ${rfc3339(template.lastSeen)}`,
  ];
  if (template.params.length > 0) lines.push('', 'parameters (over recent events):');
  for (const p of template.params) {
    const top = p.topValues.map((v) => `${v.value} (${v.count})`).join(', ');
    lines.push(`  <*>#${p.index}  ${p.kind}, ${p.distinctCount} distinct: ${top}`);
  }
  if (examples.length > 0) lines.push('', 'recent examples:', ...examples.map((e) => `  ${tableLine(e)}`));
  return lines;
}

/** A template as JSON, parameters and all. */
export function templateJson(template: Template): unknown {
  return Template.toJSON(template);
}
