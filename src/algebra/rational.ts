// Exact rationals on BigInt, always in lowest terms with a positive denominator,
// and exact Gaussian rationals ℚ(i) built on them. Every exact coefficient in bornmarkov is one of these.

export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function rat(n: bigint | number, d: bigint | number = 1n): Rational {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new RangeError('division by zero');
  if (dd < 0n) {
    nn = -nn;
    dd = -dd;
  }
  const g = gcd(nn, dd);
  return g > 1n ? { n: nn / g, d: dd / g } : { n: nn, d: dd };
}

export const Q0 = rat(0);
export const Q1 = rat(1);

/** Exact value of a decimal literal such as "0.01" or "1e-3" (never goes through binary floating point). */
export function ratFromDecimal(text: string): Rational {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new SyntaxError(`not a decimal number: "${text}"`);
  const digits = (m[2] || '0') + (m[3] ?? '');
  let exp = BigInt(m[4] ?? '0') - BigInt((m[3] ?? '').length);
  let n = BigInt(digits);
  let d = 1n;
  if (exp >= 0n) n *= 10n ** exp;
  else d = 10n ** -exp;
  return rat(m[1] === '-' ? -n : n, d);
}

export function ratFromNumber(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  return ratFromDecimal(String(x));
}

// Integer fast paths: most coefficients of a derivation are integers, and gcd on BigInt is the cost.
export const qadd = (a: Rational, b: Rational): Rational =>
  a.d === 1n && b.d === 1n ? { n: a.n + b.n, d: 1n } : b.n === 0n ? a : a.n === 0n ? b : rat(a.n * b.d + b.n * a.d, a.d * b.d);
export const qsub = (a: Rational, b: Rational): Rational =>
  a.d === 1n && b.d === 1n ? { n: a.n - b.n, d: 1n } : b.n === 0n ? a : rat(a.n * b.d - b.n * a.d, a.d * b.d);
export const qmul = (a: Rational, b: Rational): Rational =>
  a.n === 0n || b.n === 0n ? Q0 : a.d === 1n && b.d === 1n ? { n: a.n * b.n, d: 1n } : rat(a.n * b.n, a.d * b.d);
export const qdiv = (a: Rational, b: Rational): Rational => rat(a.n * b.d, a.d * b.n);
export const qneg = (a: Rational): Rational => ({ n: -a.n, d: a.d });
export const qisZero = (a: Rational): boolean => a.n === 0n;
export const qeq = (a: Rational, b: Rational): boolean => a.n === b.n && a.d === b.d;
export const qtoNumber = (a: Rational): number => Number(a.n) / Number(a.d);
export const qstr = (a: Rational): string => (a.d === 1n ? `${a.n}` : `${a.n}/${a.d}`);

/** Exact square root of a rational when it is a perfect square, else undefined. */
export function qsqrt(a: Rational): Rational | undefined {
  if (a.n < 0n) return undefined;
  const rn = isqrt(a.n);
  const rd = isqrt(a.d);
  return rn * rn === a.n && rd * rd === a.d ? rat(rn, rd) : undefined;
}

function isqrt(x: bigint): bigint {
  if (x < 2n) return x;
  let r = BigInt(Math.floor(Math.sqrt(Number(x))));
  while (r * r > x) r -= 1n;
  while ((r + 1n) * (r + 1n) <= x) r += 1n;
  return r;
}

/** A Gaussian rational re + i·im. */
export interface Complex {
  readonly re: Rational;
  readonly im: Rational;
}

export const C0: Complex = { re: Q0, im: Q0 };
export const C1: Complex = { re: Q1, im: Q0 };
export const CI: Complex = { re: Q0, im: Q1 };
export const cq = (re: Rational, im: Rational = Q0): Complex => ({ re, im });
export const cadd = (a: Complex, b: Complex): Complex => ({ re: qadd(a.re, b.re), im: qadd(a.im, b.im) });
export const csub = (a: Complex, b: Complex): Complex => ({ re: qsub(a.re, b.re), im: qsub(a.im, b.im) });
export const cneg = (a: Complex): Complex => ({ re: qneg(a.re), im: qneg(a.im) });
export const cconj = (a: Complex): Complex => ({ re: a.re, im: qneg(a.im) });
export const cisZero = (a: Complex): boolean => a.re.n === 0n && a.im.n === 0n;
export const ceq = (a: Complex, b: Complex): boolean => qeq(a.re, b.re) && qeq(a.im, b.im);
export const cisReal = (a: Complex): boolean => a.im.n === 0n;

export function cmul(a: Complex, b: Complex): Complex {
  if (a.im.n === 0n && b.im.n === 0n) return { re: qmul(a.re, b.re), im: Q0 };
  return {
    re: qsub(qmul(a.re, b.re), qmul(a.im, b.im)),
    im: qadd(qmul(a.re, b.im), qmul(a.im, b.re)),
  };
}

export function cinv(a: Complex): Complex {
  const norm = qadd(qmul(a.re, a.re), qmul(a.im, a.im));
  if (norm.n === 0n) throw new RangeError('division by zero');
  return { re: qdiv(a.re, norm), im: qneg(qdiv(a.im, norm)) };
}

export const cdiv = (a: Complex, b: Complex): Complex => cmul(a, cinv(b));

export function cstr(a: Complex): string {
  if (a.im.n === 0n) return qstr(a.re);
  if (a.re.n === 0n) return `${qstr(a.im)}*i`;
  return `(${qstr(a.re)} + ${qstr(a.im)}*i)`;
}
