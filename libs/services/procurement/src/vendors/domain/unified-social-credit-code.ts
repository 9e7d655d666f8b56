/**
 * 统一社会信用代码 (GB 32100-2015), the 18-character identifier every legal entity in China holds:
 * registration authority (1), entity category (1), administrative division (6), organisation code
 * (9), check character (1). The alphabet is the digits and the capital letters without I, O, S, V, Z.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weight of position i (1-based) is 3^(i-1) mod 31. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export const UNIFIED_SOCIAL_CREDIT_CODE_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type CreditCodeProblem = 'shape' | 'check-digit';

/** The check character the first 17 characters call for. */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError('the check character is computed from exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`'${first17.charAt(i)}' is not in the credit code alphabet`);
    sum += value * (WEIGHTS[i] as number);
  }
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** Upper case without surrounding whitespace: codes are often typed in lower case from paper licences. */
export function normaliseCreditCode(code: string): string {
  return code.trim().toUpperCase();
}

/** Why a (normalised) code is not a valid credit code, or undefined if it is one. */
export function creditCodeProblem(code: string): CreditCodeProblem | undefined {
  if (!UNIFIED_SOCIAL_CREDIT_CODE_SHAPE.test(code)) return 'shape';
  return creditCodeCheckCharacter(code.slice(0, 17)) === code.charAt(17) ? undefined : 'check-digit';
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === undefined;
}
