import { PLATE_NUMBER_INPUT, isNewEnergyPlate, normalisePlateNumber } from './plate-number';

describe('Chinese plate numbers', () => {
  it.each([
    ['京A12345', '京A12345'],
    ['沪B3C7K9', '沪B3C7K9'],
    ['粤B·12345', '粤B12345'],
    [' 苏e 8h52m ', '苏E8H52M'],
    ['浙A-12345', '浙A12345'],
    ['京AD12345', '京AD12345'],
    ['川AF12345', '川AF12345'],
    ['京A12345D', '京A12345D'],
  ])('normalises %p to %p', (input, expected) => {
    expect(normalisePlateNumber(input)).toBe(expected);
  });

  it.each([
    ['A12345', 'no province'],
    ['京112345', 'a digit for the issuing office'],
    ['京I12345', 'the letter I for the issuing office'],
    ['京A1234O', 'the letter O in the serial'],
    ['京A1234', 'four characters'],
    ['京AX12345', 'six characters without the new-energy letter'],
    ['港A12345', 'a region without mainland plates'],
    ['京AF0A123', 'a letter among the last four of a new-energy plate'],
  ])('refuses %p (%s)', (input) => {
    expect(normalisePlateNumber(input)).toBeUndefined();
  });

  it('tells the green new-energy plates from the blue ones', () => {
    expect(isNewEnergyPlate('京AD12345')).toBe(true);
    expect(isNewEnergyPlate('京A12345F')).toBe(true);
    expect(isNewEnergyPlate('京A12345')).toBe(false);
    expect(isNewEnergyPlate('京AD1234')).toBe(false);
  });

  it('accepts at the edge what the domain can normalise', () => {
    expect(PLATE_NUMBER_INPUT.test(' 粤b·12345 ')).toBe(true);
    expect(PLATE_NUMBER_INPUT.test('京AD12345')).toBe(true);
    expect(PLATE_NUMBER_INPUT.test('京A1234')).toBe(false);
  });
});
