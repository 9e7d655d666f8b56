import { BusinessRuleViolation, FixedClock, IllegalTransitionError } from '@houqin/domain';
import { triageRepairRequest } from '../../work-orders/domain/work-order';
import { RepairRequest, RepairRequestStatus, cancelRepairRequest, reportRepair } from './repair-request';

const clock = new FixedClock(new Date('2026-11-27T09:00:00Z'));
const report = {
  id: '7d1c4f0e-3b1a-4c55-9a57-0f3d1c2b8e11',
  agencyId: 'agency-a',
  reportedBy: 'user-1',
  location: { building: ' Main Building ', floor: '3', room: '301' },
  description: '  The air conditioner leaks water  ',
};

describe('reporting a repair', () => {
  it('records a reported request with a trimmed description, normal priority and the time of report', () => {
    const request = reportRepair(report, clock);
    expect(request).toMatchObject({
      status: 'reported',
      description: 'The air conditioner leaks water',
      priority: 'normal',
      location: { building: 'Main Building', floor: '3', room: '301' },
    });
    expect(request.reportedAt.toISOString()).toBe('2026-11-27T09:00:00.000Z');
  });

  it('normalises the asset code from the label to upper case', () => {
    expect(reportRepair({ ...report, assetCode: ' ac-0042 ' }, clock).assetCode).toBe('AC-0042');
  });

  it('refuses a description made only of whitespace, naming the field', () => {
    expect(() => reportRepair({ ...report, description: '   ' }, clock)).toThrow(expect.objectContaining({ field: 'description' }));
  });

  it('refuses a blank building', () => {
    expect(() => reportRepair({ ...report, location: { building: ' ' } }, clock)).toThrow(BusinessRuleViolation);
  });
});

describe('cancelling a repair request', () => {
  const reported: RepairRequest = reportRepair(report, clock);

  it('lets the reporter cancel with a reason', () => {
    const cancelled = cancelRepairRequest(reported, { userId: 'user-1', roles: ['staff'] }, 'fixed itself', clock);
    expect(cancelled).toMatchObject({ status: 'cancelled', cancellationReason: 'fixed itself' });
  });

  it('lets a logistics manager cancel a request someone else raised', () => {
    expect(cancelRepairRequest(reported, { userId: 'manager', roles: ['logistics-manager'] }, 'duplicate', clock).status).toBe('cancelled');
  });

  it('refuses another member of staff', () => {
    expect(() => cancelRepairRequest(reported, { userId: 'user-2', roles: ['staff'] }, 'no', clock)).toThrow(BusinessRuleViolation);
  });

  it('refuses to cancel twice, naming the current state', () => {
    const cancelled = cancelRepairRequest(reported, { userId: 'user-1', roles: ['staff'] }, 'fixed itself', clock);
    let error: unknown;
    try {
      cancelRepairRequest(cancelled, { userId: 'user-1', roles: ['staff'] }, 'again', clock);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect((error as IllegalTransitionError).currentState).toBe('cancelled');
  });

  it('requires a reason', () => {
    expect(() => cancelRepairRequest(reported, { userId: 'user-1', roles: ['staff'] }, ' ', clock)).toThrow(expect.objectContaining({ field: 'reason' }));
  });
});

describe('attachments of a repair request', () => {
  const photo = { fileName: ' leak.jpg ', contentType: 'IMAGE/JPEG', sizeBytes: 482_133, url: 'https://files.agency.example/repairs/leak.jpg', sha256: 'AB'.repeat(32) };

  it('keeps their metadata, normalised; none by default', () => {
    expect(reportRepair(report, clock).attachments).toEqual([]);
    expect(reportRepair({ ...report, attachments: [photo] }, clock).attachments).toEqual([
      { fileName: 'leak.jpg', contentType: 'image/jpeg', sizeBytes: 482_133, url: photo.url, sha256: 'ab'.repeat(32) },
    ]);
  });

  it('refuses more than ten, a file too large or the same file twice, naming the field', () => {
    const many = Array.from({ length: 11 }, (_, index) => ({ ...photo, url: `${photo.url}?${index}` }));
    expect(() => reportRepair({ ...report, attachments: many }, clock)).toThrow(expect.objectContaining({ field: 'attachments' }));
    expect(() => reportRepair({ ...report, attachments: [{ ...photo, sizeBytes: 100 * 1024 * 1024 + 1 }] }, clock)).toThrow(expect.objectContaining({ field: 'attachments[0].sizeBytes' }));
    expect(() => reportRepair({ ...report, attachments: [photo, { ...photo, fileName: 'again.jpg' }] }, clock)).toThrow(expect.objectContaining({ field: 'attachments[1].url' }));
  });
});

/*
 * The whole state × action table, written out from the business: a request is triaged into a work
 * order or withdrawn, once, and only while it is reported; '409' is an illegal transition naming the state.
 */
type RepairRequestAction = 'triage' | 'cancel';
const REPAIR_REQUEST_TABLE: Record<RepairRequestStatus, Record<RepairRequestAction, RepairRequestStatus | '409'>> = {
  reported: { triage: 'triaged', cancel: 'cancelled' },
  triaged: { triage: '409', cancel: '409' },
  cancelled: { triage: '409', cancel: '409' },
};

describe('the repair request state × action table', () => {
  const perform: Record<RepairRequestAction, (request: RepairRequest) => RepairRequestStatus> = {
    // Triage turns the request into a work order; the request is then triaged.
    triage: (request) => (triageRepairRequest(request, { id: 'work-order-1', triagedBy: 'manager', category: 'hvac' }, clock) ? 'triaged' : request.status),
    cancel: (request) => cancelRepairRequest(request, { userId: 'user-1', roles: ['staff'] }, 'fixed itself', clock).status,
  };
  const cells = (Object.keys(REPAIR_REQUEST_TABLE) as RepairRequestStatus[]).flatMap((state) =>
    (Object.keys(perform) as RepairRequestAction[]).map((action) => [state, action, REPAIR_REQUEST_TABLE[state][action]] as const),
  );

  it.each(cells)('%s, %s → %s', (state, action, expected) => {
    const request: RepairRequest = { ...reportRepair(report, clock), status: state };
    if (expected === '409') {
      expect(() => perform[action](request)).toThrow(expect.objectContaining({ constructor: IllegalTransitionError, currentState: state }));
    } else {
      expect(perform[action](request)).toBe(expected);
    }
  });
});
