/** Money and time as the console shows them: yuan from fen, China Standard Time, per locale. */
export type Locale = 'zh-CN' | 'en';

const TIME_ZONE = 'Asia/Shanghai';

/** 12345 fen → ¥123.45 (zh-CN) / CN¥123.45 (en); null → a dash. */
export function formatYuan(fen: number | null | undefined, locale: Locale): string {
  if (fen === null || fen === undefined) return '—';
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 }).format(fen / 100);
}

/** An instant in China Standard Time, whatever the browser's zone: 2026/11/27 14:05 or Nov 27, 2026, 2:05 PM. */
export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDate(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, dateStyle: 'medium' }).format(new Date(iso));
}

export function formatNumber(value: number | null | undefined, locale: Locale, fractionDigits = 1): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits }).format(value);
}

/** An instant's time of day in China Standard Time: 14:05 (zh-CN) / 2:05 PM (en). */
export function formatTime(iso: string | number | null | undefined, locale: Locale): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  return new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, timeStyle: 'short' }).format(new Date(iso));
}

/** China Standard Time has no daylight saving: always UTC+8. */
const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The instant (epoch ms) China Standard Time's day containing `at` begins. */
export function cstDayStart(at: number): number {
  return Math.floor((at + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS;
}

/** An instant as China Standard Time's wall clock, YYYY-MM-DDTHH:mm (what a date-time picker shows). */
export function cstWallClock(at: number): string {
  return new Date(at + CST_OFFSET_MS).toISOString().slice(0, 16);
}

/** A wall-clock time picked as China Standard Time (YYYY-MM-DDTHH:mm) as the API's instant with its offset. */
export function cstInstant(wallClock: string): string {
  return `${wallClock.slice(0, 16)}:00+08:00`;
}

/** Yuan as typed (12.5) in whole fen (1250); empty stays empty. */
export function fenFromYuan(yuan: number | null | undefined): number | undefined {
  if (yuan === null || yuan === undefined || Number.isNaN(yuan)) return undefined;
  return Math.round(yuan * 100);
}

/** The month (YYYY-MM) in China Standard Time `offset` months from `now`'s. */
export function businessMonth(now: Date, offset = 0): string {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit' }).format(now).split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** A problem+json field path (`location.building`, `attachments[0].url`) as a form field name. */
export function formFieldName(field: string): Array<string | number> {
  return field
    .replace(/^body\./, '')
    .split(/\.|\[(\d+)\]/)
    .filter((part) => part !== undefined && part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** 30 → 30 B, 2048 → 2 kB, per locale. */
export function formatBytes(bytes: number, locale: Locale): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}
