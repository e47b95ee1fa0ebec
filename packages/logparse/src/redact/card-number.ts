/** True when the digits pass the Luhn checksum that payment card numbers carry. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * True for a plausible payment card number: 13–19 digits, written plain or in groups separated by one kind of
 * space or dash (first group of 4), a card-network first digit (2–6), and a valid Luhn checksum.
 */
export function isCardNumber(candidate: string): boolean {
  const separator = /[ -]/.exec(candidate)?.[0];
  const groups = separator ? candidate.split(separator) : [candidate];
  if (groups.some((g) => !/^\d+$/.test(g))) return false;
  if (separator) {
    if (groups[0]!.length !== 4) return false;
    if (groups.slice(1, -1).some((g) => g.length < 4 || g.length > 6)) return false;
  }
  const digits = groups.join('');
  if (digits.length < 13 || digits.length > 19) return false;
  const first = digits.charCodeAt(0) - 48;
  return first >= 2 && first <= 6 && luhnValid(digits);
}
