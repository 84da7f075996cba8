// Number and text formatting shared by figures, claims and the HTML page, so one quantity prints the same
// everywhere (three significant digits unless a caller asks for more; tiny and huge values in scientific form).

/** x with `digits` significant digits; 0 prints as "0"; |x| < 1e-3 or ≥ 1e6 in scientific notation (1.23×10⁻¹⁷). */
export function fmt(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 1e-3 || a >= 1e6) {
    const [m, e] = x.toExponential(digits - 1).split('e');
    return `${m}×10${superscript(String(Number(e)))}`;
  }
  // toPrecision, then drop trailing zeros after the point (0.1500 → 0.15) so quoted and computed values read alike.
  let s = x.toPrecision(digits);
  if (s.includes('.') && !s.includes('e')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

const SUP: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

function superscript(s: string): string {
  return [...s].map((c) => SUP[c] ?? c).join('');
}

/** Signed: "+0.012" / "−0.012" (a real minus sign, as in the papers). */
export function signed(x: number, digits = 3): string {
  const s = fmt(Math.abs(x), digits);
  return x < 0 ? `−${s}` : `+${s}`;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text of a label that uses svg.ts's _{…}/^{…} markup, as HTML with <sub>/<sup>. */
export function labelHtml(s: string): string {
  return escapeHtml(s).replace(/_\{([^{}]*)\}/g, '<sub>$1</sub>').replace(/\^\{([^{}]*)\}/g, '<sup>$1</sup>');
}
