// Decimal units (kB, MB) and binary units (KiB, MiB) are both common in Kubernetes manifests; accept
// both with their exact meaning rather than guessing, and treat a bare number as bytes.
const UNIT_BYTES: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

const BYTE_SIZE = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i;

/** Parses a byte size such as `512`, `64KiB`, `1MB` or `2GiB` into bytes; `undefined` if malformed. */
export function parseByteSize(text: string): number | undefined {
  const match = BYTE_SIZE.exec(text.trim());
  if (!match) return undefined;
  const [, amount, unit] = match;
  const factor = UNIT_BYTES[(unit ?? '').toLowerCase() || 'b'];
  if (amount === undefined || factor === undefined) return undefined;
  const bytes = Number(amount) * factor;
  return Number.isSafeInteger(Math.round(bytes)) ? Math.round(bytes) : undefined;
}
