/** True for a valid IPv6 address (full, compressed with one `::`, or with an embedded IPv4 tail). */
export function isIPv6(candidate: string): boolean {
  const parts = candidate.split('::');
  if (parts.length > 2) return false;
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const head = groups(parts[0]!);
  const tail = parts.length === 2 ? groups(parts[1]!) : [];
  const all = [...head, ...tail];
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!/^(?:\d{1,3}\.){3}\d{1,3}$/.test(last)) return false;
    all.pop();
    count += 1;
  }
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return parts.length === 2 ? count < 8 : count === 8;
}
