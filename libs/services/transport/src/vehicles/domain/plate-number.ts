/**
 * Chinese motor-vehicle plates (GA 36): the province's one-character abbreviation, the issuing
 * office's letter, then five characters — or six on new-energy plates (green), where D marks a
 * battery-electric and F any other new-energy vehicle: 京AD12345 (small) or 京A12345D (large).
 * Plates never use the letters I and O, which read as 1 and 0.
 */
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const SERIAL = '(?:[A-HJ-NP-Z0-9]{5}|[DF][A-HJ-NP-Z0-9][0-9]{4}|[0-9]{5}[DF])';

/** A normalised plate: upper case, no separators. */
export const PLATE_NUMBER = new RegExp(`^[${PROVINCES}][A-HJ-NP-Z]${SERIAL}$`);

/**
 * What people type: any letter case, a separator after the office letter (京A·12345, 京A 12345,
 * 京A-12345) and surrounding spaces. normalisePlateNumber turns it into the stored form.
 */
export const PLATE_NUMBER_INPUT = new RegExp(`^\\s*[${PROVINCES}][A-HJ-NP-Z][\\s·.-]?${SERIAL}\\s*$`, 'i');

const NEW_ENERGY = new RegExp(`^[${PROVINCES}][A-HJ-NP-Z](?:[DF][A-HJ-NP-Z0-9][0-9]{4}|[0-9]{5}[DF])$`);

/** The stored form of a plate, or undefined if it is not a plate at all. */
export function normalisePlateNumber(input: string): string | undefined {
  const plate = input.trim().toUpperCase().replace(/[\s·.-]/g, '');
  return PLATE_NUMBER.test(plate) ? plate : undefined;
}

/** Green plates are issued only to new-energy vehicles. */
export function isNewEnergyPlate(plate: string): boolean {
  return NEW_ENERGY.test(plate);
}
