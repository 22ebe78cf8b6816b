/**
 * Exact decimal addition and multiplication for Decimal128 `$inc`/`$mul` (money must not pass
 * through binary doubles): values become `coefficient × 10^exponent` with a bigint coefficient.
 */
import { Decimal128 } from 'bson';

interface ScaledDecimal {
  readonly coefficient: bigint;
  readonly exponent: number;
}

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parses a decimal string (as Decimal128.toString or String(number) print them). */
function parseDecimal(text: string): ScaledDecimal | undefined {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', exp = '0'] = match;
  const digits = `${whole}${fraction}` || '0';
  const coefficient = BigInt(digits) * (sign === '-' ? -1n : 1n);
  return { coefficient, exponent: Number(exp) - fraction.length };
}

function formatDecimal({ coefficient, exponent }: ScaledDecimal): string {
  return `${coefficient.toString()}E${exponent}`;
}

/** `a op b` computed exactly, or undefined when an operand is not a finite decimal. */
export function combineDecimals(a: string, b: string, op: 'add' | 'mul'): Decimal128 | undefined {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (!x || !y) return undefined;
  const exponent = Math.min(x.exponent, y.exponent);
  const scale = (d: ScaledDecimal): bigint => d.coefficient * 10n ** BigInt(d.exponent - exponent);
  const result =
    op === 'mul'
      ? { coefficient: x.coefficient * y.coefficient, exponent: x.exponent + y.exponent }
      : { coefficient: scale(x) + scale(y), exponent };
  try {
    return Decimal128.fromString(formatDecimal(result));
  } catch {
    // More than 34 significant digits: the caller falls back to rounded arithmetic.
    return undefined;
  }
}
