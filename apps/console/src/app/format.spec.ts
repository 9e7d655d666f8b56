import { businessMonth, formFieldName, formatBytes, formatDateTime, formatYuan } from './format';

describe('what the console shows', () => {
  it('shows money in yuan from fen, per locale', () => {
    expect(formatYuan(1234567, 'zh-CN')).toBe('¥12,345.67');
    expect(formatYuan(1234567, 'en')).toBe('CN¥12,345.67');
    expect(formatYuan(null, 'en')).toBe('—');
  });

  it('shows instants in China Standard Time whatever the browser’s zone', () => {
    // 2026-11-27T16:30Z is the 28th, 00:30 in Beijing.
    expect(formatDateTime('2026-11-27T16:30:00Z', 'zh-CN')).toBe('2026年11月28日 00:30');
    expect(formatDateTime('2026-11-27T16:30:00Z', 'en')).toBe('Nov 28, 2026, 12:30 AM');
  });

  it('takes the month in China Standard Time', () => {
    expect(businessMonth(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12');
    expect(businessMonth(new Date('2026-01-15T00:00:00Z'), -11)).toBe('2025-02');
  });

  it('names the form field of a problem’s field path', () => {
    expect(formFieldName('location.building')).toEqual(['location', 'building']);
    expect(formFieldName('attachments[0].url')).toEqual(['attachments', 0, 'url']);
  });
});

describe('file sizes', () => {
  it('shows the size of a photo in the largest fitting unit', () => {
    expect(formatBytes(30, 'en')).toBe('30 byte');
    expect(formatBytes(2.5 * 1024 * 1024, 'en')).toBe('2.5 MB');
  });
});
