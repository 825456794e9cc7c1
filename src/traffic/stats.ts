// Statistical pieces the trend needs beyond simple-statistics: the F distribution's tail (through the regularised
// incomplete beta function) and a one-way analysis of variance, written out so they can be checked against
// published tables.

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9: about 15 significant digits). */
export function lnGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 500; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** The regularised incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The fraction converges fast on one side of the mean; use the symmetry I_x(a, b) = 1 − I_(1−x)(b, a) on the other.
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(F ≥ f) for an F variable with (d1, d2) degrees of freedom. */
export function fTail(f: number, d1: number, d2: number): number {
  if (!(f > 0)) return 1;
  return incompleteBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
}

export interface Anova {
  f: number;
  df1: number;
  df2: number;
  pValue: number;
}

/**
 * One-way analysis of variance: do the groups' means differ by more than their spread explains? Empty groups are
 * left out; with fewer than two groups, or no degrees of freedom within them, p = 1.
 */
export function oneWayAnova(groups: number[][]): Anova {
  const used = groups.filter((g) => g.length > 0);
  const all = used.flat();
  const n = all.length;
  const k = used.length;
  const df1 = k - 1;
  const df2 = n - k;
  if (k < 2 || df2 < 1) return { f: 0, df1: Math.max(0, df1), df2: Math.max(0, df2), pValue: 1 };
  const mean = all.reduce((a, b) => a + b, 0) / n;
  let between = 0;
  let within = 0;
  for (const g of used) {
    const gm = g.reduce((a, b) => a + b, 0) / g.length;
    between += g.length * (gm - mean) ** 2;
    for (const v of g) within += (v - gm) ** 2;
  }
  if (within === 0) return { f: between > 0 ? Infinity : 0, df1, df2, pValue: between > 0 ? 0 : 1 };
  const f = between / df1 / (within / df2);
  return { f, df1, df2, pValue: fTail(f, df1, df2) };
}
