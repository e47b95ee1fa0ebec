import { WILDCARD } from '@loglens/logparse';

/**
 * The message with the text each `<*>` of its template stands for wrapped in ⟨ ⟩, so a reader sees which
 * parts vary. Literal parts are found left to right; when the message does not fit, it is returned as is.
 */
export function markParams(template: string, message: string, open = '⟨', close = '⟩'): string {
  const parts = template.trim().split(/\s+/).join(' ').split(WILDCARD);
  if (parts.length === 1) return message;
  const m = message.trim().split(/\s+/).join(' ');
  const first = parts[0] ?? '';
  if (!m.startsWith(first)) return message;
  let out = first;
  let pos = first.length;
  for (let i = 1; i < parts.length; i++) {
    const literal = parts[i] ?? '';
    const last = i === parts.length - 1;
    // A value is at least one character; the final literal must end the message.
    const at = last
      ? m.endsWith(literal)
        ? m.length - literal.length
        : -1
      : literal === ''
        ? pos + 1
        : m.indexOf(literal, pos + 1);
    if (at < pos + 1 || at > m.length) return message;
    out += `${open}${m.slice(pos, at)}${close}${literal}`;
    pos = at + literal.length;
  }
  return out;
}
