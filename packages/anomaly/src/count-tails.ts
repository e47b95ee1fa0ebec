/**
 * Exact tail probabilities of count distributions (Poisson and negative binomial), for rate tests. Counts of log
 * lines are discrete and often small, where a normal approximation is far too optimistic about rare values.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const EPS = 1e-14;
const TINY = 1e-300;
const MAX_ITER = 2000;
/** Below this excess dispersion the negative binomial is a Poisson for any practical purpose. */
const POISSON_LIMIT = 1.01;

/** Natural log of the gamma function (Lanczos, g = 7), for x > 0. */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0] ?? 1;
  for (let i = 1; i < LANCZOS.length; i++) a += (LANCZOS[i] ?? 0) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Series of the regularised lower incomplete gamma P(a, x); converges fast for x < a + 1. */
function gammaSeries(a: number, x: number): number {
  let ap = a;
  let del = 1 / a;
  let sum = del;
  for (let n = 0; n < MAX_ITER; n++) {
    ap++;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - lnGamma(a));
}

/** Continued fraction of the regularised upper incomplete gamma Q(a, x); converges fast for x ≥ a + 1. */
function gammaFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
}

/** Regularised lower incomplete gamma P(a, x), each tail computed directly so small values keep precision. */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaFraction(a, x);
}

/** Regularised upper incomplete gamma Q(a, x) = 1 - P(a, x). */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaFraction(a, x);
}

/** Continued fraction of the incomplete beta (modified Lentz). */
function betaFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b), the smaller side computed directly. */
export function betaI(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2)
    ? (front * betaFraction(x, a, b)) / a
    : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

/**
 * P(X ≥ k) for a count with mean `mean` and dispersion index `dispersion` = variance / mean: Poisson when the
 * dispersion is 1, negative binomial (a gamma-mixed Poisson, the usual model of bursty counts) above.
 */
export function countUpperTail(k: number, mean: number, dispersion: number): number {
  if (k <= 0) return 1;
  if (mean <= 0) return 0;
  if (dispersion < POISSON_LIMIT) return gammaP(k, mean);
  const size = mean / (dispersion - 1);
  // X ~ NB(size, q) with q = mean / (size + mean): P(X ≥ k) = I_q(k, size).
  return betaI((dispersion - 1) / dispersion, k, size);
}

/** P(X ≤ k) under the same model as `countUpperTail`. */
export function countLowerTail(k: number, mean: number, dispersion: number): number {
  if (k < 0) return 0;
  if (mean <= 0) return 1;
  if (dispersion < POISSON_LIMIT) return gammaQ(k + 1, mean);
  const size = mean / (dispersion - 1);
  // P(X ≤ k) = I_p(size, k + 1) with p = size / (size + mean) = 1 / dispersion.
  return betaI(1 / dispersion, size, k + 1);
}
