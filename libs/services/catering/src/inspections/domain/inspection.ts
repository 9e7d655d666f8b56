import { BusinessRuleViolation } from '@houqin/domain';

/**
 * Food-safety inspections (食品安全检查) of a canteen: a checklist of items, each passed or failed —
 * hygiene by the inspector's judgement, storage temperatures against their limits, staff health
 * certificates (健康证) valid on the day, food samples kept 48 hours (留样) — a score (the share of
 * items passed) and the photos' metadata. An inspection with any failed item fails: evaluation
 * records a violation of the operator and issues a rectification notice (整改) with a deadline.
 */
export const CHECK_CATEGORIES = ['hygiene', 'storage-temperature', 'health-certificate', 'sample-retention'] as const;
export type CheckCategory = (typeof CHECK_CATEGORIES)[number];

/** Chilled storage at most 8 °C, frozen at most −12 °C, hot holding at least 60 °C (食品安全国家标准). */
export const TEMPERATURE_LIMITS = {
  chilled: { maxCelsius: 8 },
  frozen: { maxCelsius: -12 },
  'hot-holding': { minCelsius: 60 },
} as const;
export type StorageKind = keyof typeof TEMPERATURE_LIMITS;

/** 留样: each dish's sample kept at least 48 hours, at least 125 g. */
export const SAMPLE_RETENTION_HOURS = 48;
export const SAMPLE_MIN_GRAMS = 125;

export interface CheckItemInput {
  code: string;
  category: string;
  description: string;
  /** hygiene: the inspector's verdict. */
  passed?: boolean;
  /** storage-temperature */
  storage?: string;
  measuredCelsius?: number;
  /** health-certificate */
  holderName?: string;
  certificateExpiresOn?: string;
  /** sample-retention */
  retainedHours?: number;
  sampleGrams?: number;
  note?: string;
}

export interface CheckItem {
  code: string;
  category: CheckCategory;
  description: string;
  passed: boolean;
  /** Why it failed, in words for the rectification notice. */
  finding?: string;
  details: Record<string, string | number | boolean>;
}

export interface InspectionPhoto {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  takenAt: string;
  itemCode?: string;
}

export interface Inspection {
  id: string;
  agencyId: string;
  canteenId: string;
  vendorId?: string;
  contractId?: string;
  items: CheckItem[];
  photos: InspectionPhoto[];
  /** Share of items passed, 0–100, two decimals. */
  score: number;
  passed: boolean;
  inspectedBy: string;
  inspectedAt: Date;
}

const CST_MS = 8 * 3_600_000;

function needNumber(value: number | undefined, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new BusinessRuleViolation('measurement-required', `${field} is required for this item`, field);
  return value;
}

/** Judges one checklist item from what was measured or seen on `at`. */
export function judgeItem(input: CheckItemInput, index: number, at: Date): CheckItem {
  const field = (name: string) => `items[${index}].${name}`;
  const code = input.code.trim();
  if (!code) throw new BusinessRuleViolation('code-required', 'each item has a code', field('code'));
  const description = input.description.trim();
  if (!description) throw new BusinessRuleViolation('description-required', 'each item says what was checked', field('description'));
  if (!(CHECK_CATEGORIES as readonly string[]).includes(input.category)) {
    throw new BusinessRuleViolation('unknown-category', `an item is one of ${CHECK_CATEGORIES.join(', ')}`, field('category'));
  }
  const base = { code, category: input.category as CheckCategory, description };
  const fail = (finding: string, details: CheckItem['details']): CheckItem => ({ ...base, passed: false, finding, details });
  const pass = (details: CheckItem['details']): CheckItem => ({ ...base, passed: true, details });
  switch (input.category as CheckCategory) {
    case 'hygiene': {
      if (typeof input.passed !== 'boolean') throw new BusinessRuleViolation('verdict-required', 'a hygiene item is passed or failed by the inspector', field('passed'));
      const note = input.note?.trim();
      if (!input.passed && !note) throw new BusinessRuleViolation('finding-required', 'say what was wrong', field('note'));
      return input.passed ? pass(note ? { note } : {}) : fail(note!, { note: note! });
    }
    case 'storage-temperature': {
      const storage = input.storage as StorageKind;
      if (!(storage in TEMPERATURE_LIMITS)) throw new BusinessRuleViolation('unknown-storage', `storage is one of ${Object.keys(TEMPERATURE_LIMITS).join(', ')}`, field('storage'));
      const celsius = needNumber(input.measuredCelsius, field('measuredCelsius'));
      const limit = TEMPERATURE_LIMITS[storage];
      const details = { storage, measuredCelsius: celsius };
      if ('maxCelsius' in limit && celsius > limit.maxCelsius) return fail(`${storage} storage at ${celsius} °C, above ${limit.maxCelsius} °C`, details);
      if ('minCelsius' in limit && celsius < limit.minCelsius) return fail(`${storage} at ${celsius} °C, below ${limit.minCelsius} °C`, details);
      return pass(details);
    }
    case 'health-certificate': {
      const holder = input.holderName?.trim();
      if (!holder) throw new BusinessRuleViolation('holder-required', 'name the holder of the health certificate', field('holderName'));
      const expires = input.certificateExpiresOn;
      if (!expires || !/^\d{4}-\d{2}-\d{2}$/.test(expires)) throw new BusinessRuleViolation('expiry-required', 'the certificate expiry is a date written YYYY-MM-DD', field('certificateExpiresOn'));
      const today = new Date(at.getTime() + CST_MS).toISOString().slice(0, 10);
      const details = { holderName: holder, certificateExpiresOn: expires };
      return expires < today ? fail(`health certificate of ${holder} expired on ${expires}`, details) : pass(details);
    }
    case 'sample-retention': {
      const hours = needNumber(input.retainedHours, field('retainedHours'));
      const grams = needNumber(input.sampleGrams, field('sampleGrams'));
      const details = { retainedHours: hours, sampleGrams: grams };
      if (hours < SAMPLE_RETENTION_HOURS) return fail(`samples kept ${hours} h, less than ${SAMPLE_RETENTION_HOURS} h`, details);
      if (grams < SAMPLE_MIN_GRAMS) return fail(`samples of ${grams} g, less than ${SAMPLE_MIN_GRAMS} g`, details);
      return pass(details);
    }
  }
}

/** The inspection: every item judged, the score the share passed, passed only if every item passed. */
export function inspect(
  input: { id: string; agencyId: string; canteenId: string; operator?: { vendorId: string; contractId: string }; items: readonly CheckItemInput[]; photos: readonly InspectionPhoto[]; inspectedBy: string },
  at: Date,
): Inspection {
  if (input.items.length === 0) throw new BusinessRuleViolation('items-required', 'an inspection checks at least one item', 'items');
  const items = input.items.map((item, index) => judgeItem(item, index, at));
  const codes = new Set<string>();
  items.forEach((item, index) => {
    if (codes.has(item.code)) throw new BusinessRuleViolation('duplicate-item', `item ${item.code} is listed twice`, `items[${index}].code`);
    codes.add(item.code);
  });
  input.photos.forEach((photo, index) => {
    if (photo.itemCode && !codes.has(photo.itemCode)) throw new BusinessRuleViolation('unknown-item', `no item ${photo.itemCode} in this inspection`, `photos[${index}].itemCode`);
  });
  const passedCount = items.filter((item) => item.passed).length;
  const score = Math.round((passedCount * 10_000) / items.length) / 100;
  return {
    id: input.id,
    agencyId: input.agencyId,
    canteenId: input.canteenId,
    ...(input.operator ? { vendorId: input.operator.vendorId, contractId: input.operator.contractId } : {}),
    items,
    photos: input.photos.map((photo) => ({ ...photo })),
    score,
    passed: passedCount === items.length,
    inspectedBy: input.inspectedBy,
    inspectedAt: at,
  };
}
