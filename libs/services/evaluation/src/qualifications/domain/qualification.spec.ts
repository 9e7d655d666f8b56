import { BusinessRuleViolation } from '@houqin/domain';
import { addDays, isCalendarDate, startOfDay } from './calendar-date';
import { Qualification, QualificationInput, noticeDue, noticeSent, recordQualification, renewQualification, statusAt, warningAt } from './qualification';
import { assertRecordableBy, employerOf } from './qualification-holder';
import { recordTraining } from './training-record';

const vendorId = '3c1f5e7a-9b2d-4c6e-8a0f-1b3d5f7a9c2e';
const input: QualificationInput = {
  holder: { kind: 'vendor-staff', vendorId, name: '张建国', staffNumber: 'JD-0042' },
  type: 'electrician-certificate',
  mandatory: true,
  certificateNumber: 'EL-2021-0318',
  issuedOn: '2021-01-05',
  expiresOn: '2027-01-05',
  attachments: [],
};
const recordedAt = new Date('2026-06-01T02:00:00Z');
const certificate = (): Qualification => recordQualification('q-1', 'agency-1', input, 'manager-li', recordedAt);
const ms = (iso: string) => new Date(iso);

describe('calendar dates (China Standard Time)', () => {
  it('starts a day at 00:00 in Beijing, 16:00 UTC the day before', () => {
    expect(startOfDay('2027-01-05').toISOString()).toBe('2027-01-04T16:00:00.000Z');
    expect(addDays('2027-01-05', -30)).toBe('2026-12-06');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('knows the days that exist', () => {
    expect(['2026-02-28', '2024-02-29'].map(isCalendarDate)).toEqual([true, true]);
    expect(['2026-02-29', '2026-13-01', '2026-1-01', 20260101].map(isCalendarDate)).toEqual([false, false, false, false]);
  });
});

describe('a qualification (资质证书)', () => {
  it('is valid until the warning day, expiring from 00:00 CST thirty days before its expiry date, expired from 00:00 CST of that date', () => {
    const qualification = certificate();
    expect(warningAt(qualification, 30).toISOString()).toBe('2026-12-05T16:00:00.000Z');
    expect(statusAt(qualification, ms('2026-12-05T15:59:59.999Z'), 30)).toBe('valid');
    expect(statusAt(qualification, ms('2026-12-05T16:00:00.000Z'), 30)).toBe('expiring');
    expect(statusAt(qualification, ms('2027-01-04T15:59:59.999Z'), 30)).toBe('expiring');
    expect(statusAt(qualification, ms('2027-01-04T16:00:00.000Z'), 30)).toBe('expired');
  });

  it('owes the warning once per expiry date, from the first instant of the warning day', () => {
    let qualification = certificate();
    expect(noticeDue(qualification, ms('2026-12-05T15:59:59.999Z'), 30)).toBeUndefined();
    expect(noticeDue(qualification, ms('2026-12-05T16:00:00.000Z'), 30)).toBe('expiring');
    qualification = noticeSent(qualification, 'expiring');
    expect(qualification.warnedFor).toBe('2027-01-05');
    expect(noticeDue(qualification, ms('2026-12-20T00:00:00Z'), 30)).toBeUndefined();
  });

  it('owes the expiry once, on the expiry date, and no late warning when it was never warned', () => {
    let qualification = certificate();
    expect(noticeDue(qualification, ms('2027-01-04T15:59:59.999Z'), 30)).toBe('expiring');
    expect(noticeDue(qualification, ms('2027-01-04T16:00:00.000Z'), 30)).toBe('expired');
    qualification = noticeSent(qualification, 'expired');
    expect(noticeDue(qualification, ms('2027-02-01T00:00:00Z'), 30)).toBeUndefined();
  });

  it('counts the warning days it is told', () => {
    expect(noticeDue(certificate(), ms('2026-12-28T16:00:00.000Z'), 7)).toBe('expiring');
    expect(noticeDue(certificate(), ms('2026-12-28T15:59:59.999Z'), 7)).toBeUndefined();
  });

  it('renewed before its expiry, owes no expiry for the old date and warns again ahead of the new one', () => {
    const warned = noticeSent(certificate(), 'expiring');
    const renewed = renewQualification(warned, { expiresOn: '2033-01-05' }, 'vendor-wu', ms('2026-12-20T02:00:00Z'));
    expect(renewed.terms.map((term) => term.expiresOn)).toEqual(['2027-01-05', '2033-01-05']);
    expect(renewed.terms[0]).toEqual(warned.terms[0]);
    expect(renewed.terms[1]).toMatchObject({ certificateNumber: 'EL-2021-0318', issuedOn: '2021-01-05', recordedBy: 'vendor-wu' });
    expect(noticeDue(renewed, ms('2027-01-04T16:00:00.000Z'), 30)).toBeUndefined();
    expect(noticeDue(renewed, ms('2032-12-05T16:00:00.000Z'), 30)).toBe('expiring');
  });

  it('renewed after it expired, counts again from the new expiry', () => {
    const expired = noticeSent(certificate(), 'expired');
    const renewed = renewQualification(expired, { expiresOn: '2027-06-30', issuedOn: '2027-01-10', certificateNumber: 'EL-2027-0001' }, 'manager-li', ms('2027-01-10T02:00:00Z'));
    expect(statusAt(renewed, ms('2027-01-10T02:00:00Z'), 30)).toBe('valid');
    expect(noticeDue(renewed, ms('2027-06-29T16:00:00.000Z'), 30)).toBe('expired');
  });

  it('refuses a renewal that does not expire later than the expiry in force, naming expiresOn', () => {
    for (const expiresOn of ['2027-01-05', '2026-12-31']) {
      expect(() => renewQualification(certificate(), { expiresOn }, 'manager-li', recordedAt)).toThrow(expect.objectContaining({ code: 'renewal-not-later', field: 'expiresOn' }));
    }
  });

  it('refuses an expiry not after the issue, a date that does not exist, and an unnamed other type', () => {
    expect(() => recordQualification('q', 'a', { ...input, expiresOn: '2021-01-05' }, 'm', recordedAt)).toThrow(expect.objectContaining({ code: 'expiry-before-issue', field: 'expiresOn' }));
    expect(() => recordQualification('q', 'a', { ...input, issuedOn: '2021-02-30' }, 'm', recordedAt)).toThrow(expect.objectContaining({ code: 'invalid-date', field: 'issuedOn' }));
    expect(() => recordQualification('q', 'a', { ...input, type: 'other' }, 'm', recordedAt)).toThrow(expect.objectContaining({ code: 'label-required', field: 'label' }));
    expect(recordQualification('q', 'a', { ...input, type: 'other', label: '高处作业证' }, 'm', recordedAt).label).toBe('高处作业证');
  });
});

describe('holders', () => {
  it("names the employer: the vendor, or the internal team", () => {
    expect(employerOf(input.holder)).toBe(vendorId);
    expect(employerOf({ kind: 'internal-staff', userId: 'u-1', name: '李师傅' })).toBe('internal-team');
  });

  it("lets a vendor account record its own vendor's staff only", () => {
    expect(() => assertRecordableBy(input.holder, { vendorId: vendorId.toUpperCase() })).not.toThrow();
    expect(() => assertRecordableBy(input.holder, { vendorId: '00000000-0000-0000-0000-000000000001' })).toThrow(BusinessRuleViolation);
    expect(() => assertRecordableBy({ kind: 'internal-staff', userId: 'u-1', name: '李师傅' }, { vendorId })).toThrow(expect.objectContaining({ field: 'holder.vendorId' }));
    expect(() => assertRecordableBy({ kind: 'internal-staff', userId: 'u-1', name: '李师傅' }, {})).not.toThrow();
  });
});

describe('a training record', () => {
  const training = { holder: input.holder, course: '低压电工复训', hours: 1.5, completedOn: '2026-06-01' };

  it('keeps hours in tenths and refuses anything finer, none, or a completion after today', () => {
    expect(recordTraining('t', 'a', training, 'm', recordedAt).hours).toBe(1.5);
    for (const hours of [0, 1.25, -1, 2001]) expect(() => recordTraining('t', 'a', { ...training, hours }, 'm', recordedAt)).toThrow(expect.objectContaining({ field: 'hours' }));
    expect(() => recordTraining('t', 'a', { ...training, completedOn: '2026-06-02' }, 'm', recordedAt)).toThrow(expect.objectContaining({ field: 'completedOn' }));
  });
});
