import { creditCodeCheckCharacter, creditCodeProblem, isValidCreditCode, normaliseCreditCode } from './unified-social-credit-code';

describe('unified social credit code (GB 32100-2015)', () => {
  it.each([
    ['91350100M000100Y43', 'the example code cited in guides to the standard'],
    ['91110000802100433B', 'a company registered in Beijing, check letter B'],
    ['91440300708461136T', 'a company registered in Shenzhen, check letter T'],
    ['12100000400000624D', 'a public institution (事业单位) registered by the establishment office'],
  ])('accepts %s, %s', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('computes the check character from the weighted sum modulo 31', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckCharacter('91110000802100433')).toBe('B');
  });

  it('maps a remainder of zero to the check character 0', () => {
    // 17 zeros sum to 0, so 31 - 0 = 31 wraps to 0.
    expect(creditCodeCheckCharacter('00000000000000000')).toBe('0');
  });

  it('refuses a code whose last character does not match the check character', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check-digit');
    expect(creditCodeProblem('911100001000001234')).toBe('check-digit');
  });

  it('refuses a code with a transposed pair of characters, which the weights detect', () => {
    expect(creditCodeProblem('91350100M000010Y43')).toBe('check-digit');
  });

  it.each([
    ['91350100M000100Y4', 'too short'],
    ['91350100M000100Y433', 'too long'],
    ['9135010OM000100Y43', 'letters in the administrative division'],
    ['91350100M0001I0Y43', 'the letter I, which the alphabet leaves out'],
    ['91350100m000100y43', 'lower case before normalisation'],
  ])('refuses the shape of %s (%s)', (code) => {
    expect(creditCodeProblem(code)).toBe('shape');
  });

  it('normalises case and surrounding whitespace', () => {
    expect(normaliseCreditCode(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
    expect(isValidCreditCode(normaliseCreditCode(' 91350100m000100y43 '))).toBe(true);
  });
});
