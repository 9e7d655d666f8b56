import { businessMonth, cstDayStart, cstInstant, cstWallClock, fenFromYuan, formFieldName, formatBytes, formatDateTime, formatTime, formatYuan } from './format';

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

describe('times picked and shown in China Standard Time', () => {
  it('takes a picked wall-clock time as Beijing time, whatever the browser’s zone', () => {
    expect(cstInstant('2026-12-08T09:30')).toBe('2026-12-08T09:30:00+08:00');
    expect(new Date(cstInstant('2026-12-08T01:00')).toISOString()).toBe('2026-12-07T17:00:00.000Z');
  });

  it('shows an instant as Beijing’s wall clock and its time of day', () => {
    expect(cstWallClock(Date.parse('2026-12-07T17:00:00Z'))).toBe('2026-12-08T01:00');
    expect(formatTime('2026-12-07T17:05:00Z', 'zh-CN')).toBe('01:05');
    expect(formatTime('2026-12-08T06:05:00Z', 'en')).toBe('2:05 PM');
  });

  it('starts the day at midnight in Beijing, not in UTC', () => {
    // 2026-12-07T17:00Z is 01:00 on the 8th in Beijing: its day began at 16:00Z on the 7th.
    expect(new Date(cstDayStart(Date.parse('2026-12-07T17:00:00Z'))).toISOString()).toBe('2026-12-07T16:00:00.000Z');
    expect(new Date(cstDayStart(Date.parse('2026-12-07T15:59:59Z'))).toISOString()).toBe('2026-12-06T16:00:00.000Z');
  });
});

describe('money typed in yuan', () => {
  it('is sent in whole fen', () => {
    expect(fenFromYuan(35.55)).toBe(3555);
    expect(fenFromYuan(10)).toBe(1000);
    expect(fenFromYuan(0)).toBe(0);
    expect(fenFromYuan(null)).toBeUndefined();
  });
});

describe('file sizes', () => {
  it('shows the size of a photo in the largest fitting unit', () => {
    expect(formatBytes(30, 'en')).toBe('30 byte');
    expect(formatBytes(2.5 * 1024 * 1024, 'en')).toBe('2.5 MB');
  });
});
