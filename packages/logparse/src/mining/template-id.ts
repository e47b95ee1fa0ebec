const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/**
 * Stable id of a template: 64-bit FNV-1a of its UTF-8 bytes, as 16 hex digits. The same template gets the
 * same id after a restart and on every replica, so ids can be stored and compared across processes.
 */
export function templateId(template: string): string {
  const bytes = new TextEncoder().encode(template);
  let h = FNV_OFFSET;
  for (const b of bytes) h = ((h ^ BigInt(b)) * FNV_PRIME) & MASK_64;
  return h.toString(16).padStart(16, '0');
}
