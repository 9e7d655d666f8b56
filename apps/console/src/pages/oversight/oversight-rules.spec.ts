import { ComplaintOperation, complaintCommands, daysUntil, expiryTone, findingCommands, liftable } from './oversight-rules';

const operator = (operation: ComplaintOperation) => ['complaintsTriage', 'complaintsAddEvidence', 'complaintsDecide', 'complaintsDecideAppeal'].includes(operation);
const complainant = (operation: ComplaintOperation) => ['complaintsAppeal', 'complaintsWithdraw'].includes(operation);
const NOW = Date.parse('2026-12-07T04:00:00Z');

describe('the commands a complaint offers', () => {
  it('offers the handler triage of a filed complaint, then evidence and the decision while under investigation', () => {
    expect(complaintCommands({ status: 'filed', complainantId: 'wang' }, 'li', operator, NOW)).toEqual(['triage']);
    expect(complaintCommands({ status: 'under-investigation', complainantId: 'wang' }, 'li', operator, NOW)).toEqual(['evidence', 'decide']);
    expect(complaintCommands({ status: 'decided', complainantId: 'wang', decision: { decidedBy: 'li' } }, 'li', operator, NOW)).toEqual([]);
  });

  it('never offers a complainant who handles complaints the handling of their own', () => {
    const both = (operation: ComplaintOperation) => operator(operation) || complainant(operation);
    expect(complaintCommands({ status: 'filed', complainantId: 'li' }, 'li', both, NOW)).toEqual(['withdraw']);
    expect(complaintCommands({ status: 'under-investigation', complainantId: 'li' }, 'li', both, NOW)).toEqual(['withdraw']);
  });

  it('leaves the appeal to another operator than the first decider', () => {
    const appealed = { status: 'appealed' as const, complainantId: 'wang', decision: { decidedBy: 'li' } };
    expect(complaintCommands(appealed, 'li', operator, NOW)).toEqual(['evidence']);
    expect(complaintCommands(appealed, 'zhao', operator, NOW)).toEqual(['evidence', 'decide-appeal']);
  });

  it('lets the complainant appeal a decision once, within the appeal window, and withdraw only before the decision', () => {
    const decided = { status: 'decided' as const, complainantId: 'wang', appealableUntil: '2026-12-14T04:00:00.000Z' };
    expect(complaintCommands(decided, 'wang', complainant, NOW)).toEqual(['appeal']);
    expect(complaintCommands({ ...decided, appealableUntil: '2026-12-07T03:59:59.000Z' }, 'wang', complainant, NOW)).toEqual([]);
    expect(complaintCommands({ ...decided, appeal: { reasons: 'x', appealedAt: '2026-12-06T00:00:00.000Z' } }, 'wang', complainant, NOW)).toEqual([]);
    expect(complaintCommands(decided, 'zhou', complainant, NOW)).toEqual([]);
    expect(complaintCommands({ status: 'filed', complainantId: 'wang' }, 'wang', complainant, NOW)).toEqual(['withdraw']);
    expect(complaintCommands({ status: 'appeal-decided', complainantId: 'wang' }, 'wang', complainant, NOW)).toEqual([]);
  });
});

describe('the commands of sanctions and audit findings', () => {
  it('lifts a suspension or blacklisting in force, never a warning nor one that ended', () => {
    expect(liftable({ status: 'active', measure: 'suspension' })).toBe(true);
    expect(liftable({ status: 'active', measure: 'blacklisting' })).toBe(true);
    expect(liftable({ status: 'active', measure: 'warning' })).toBe(false);
    expect(liftable({ status: 'issued', measure: 'suspension' })).toBe(false);
    expect(liftable({ status: 'lifted', measure: 'suspension' })).toBe(false);
  });

  it('offers the answer to the responsible person only, and closing or sending back only an answered finding', () => {
    const all = () => true;
    const rectification = { responsibleUserId: 'wang', deadline: '2026-12-20' };
    expect(findingCommands({ status: 'rectifying', rectification }, 'wang', all)).toEqual(['answer']);
    expect(findingCommands({ status: 'rectifying', rectification }, 'audit-sun', all)).toEqual([]);
    expect(findingCommands({ status: 'answered', rectification }, 'audit-sun', all)).toEqual(['close', 'send-back']);
    expect(findingCommands({ status: 'answered', rectification }, 'audit-sun', (operation) => operation === 'internalAuditAnswer')).toEqual([]);
    expect(findingCommands({ status: 'closed', rectification }, 'audit-sun', all)).toEqual([]);
  });
});

describe('qualification expiry', () => {
  it('counts days to the expiry in Beijing time: 23:30 UTC is already the next day there', () => {
    expect(daysUntil('2026-12-08', Date.parse('2026-12-06T23:30:00Z'))).toBe(1);
    expect(daysUntil('2026-12-08', Date.parse('2026-12-06T15:59:00Z'))).toBe(2);
    expect(daysUntil('2026-12-01', Date.parse('2026-12-06T04:00:00Z'))).toBe(-5);
  });

  it('flags expired red and expiring orange', () => {
    expect([expiryTone({ status: 'expired' }), expiryTone({ status: 'expiring' }), expiryTone({ status: 'valid' })]).toEqual(['red', 'orange', 'green']);
  });
});
