/**
 * Sets an attribute as an own property. Plain assignment would drop a `__proto__` key, which a JSON or
 * logfmt log may well carry (assigning a string to `__proto__` is a no-op): that one is defined instead.
 */
export function setAttribute(attributes: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') {
    Object.defineProperty(attributes, key, { value, enumerable: true, writable: true, configurable: true });
  } else attributes[key] = value;
}
