import { platformEvents } from '@houqin/contracts';
import { AUDITED_EVENT_TYPES } from './audit-trail.handlers';

const audited = (type: string) => AUDITED_EVENT_TYPES.includes(type);

describe('the events that enter the audit trail', () => {
  it("takes every other service's events", () => {
    const others = platformEvents.contracts.filter((contract) => contract.service !== 'evaluation').map((contract) => contract.type);
    expect(others.length).toBeGreaterThan(50);
    expect(others.filter((type) => !audited(type))).toEqual([]);
  });

  it("takes evaluation's supervision decisions, whatever capability publishes them", () => {
    for (const type of [
      'houqin.evaluation.complaint.upheld.v1',
      'houqin.evaluation.complaint.overturned.v1',
      'houqin.evaluation.violation.recorded.v1',
      'houqin.evaluation.violation.voided.v1',
      'houqin.evaluation.rectification.overdue.v1',
      'houqin.evaluation.qualification.expired.v1',
      'houqin.evaluation.vendor.sanctioned.v1',
    ]) {
      expect({ type, audited: audited(type) }).toEqual({ type, audited: true });
    }
    const evaluationAggregates = new Set(platformEvents.contracts.filter((contract) => contract.service === 'evaluation' && audited(contract.type)).map((contract) => contract.aggregate));
    expect([...evaluationAggregates]).toEqual(expect.arrayContaining(['complaint', 'violation', 'rectification', 'qualification', 'vendor']));
  });

  it('leaves out surveys, scorecards and their score echo, and the published chain head', () => {
    const left = platformEvents.contracts.filter((contract) => !audited(contract.type)).map((contract) => contract.name);
    expect(left.every((name) => /^(survey|scorecard|audit-chain)\./.test(name) || name === 'vendor.score-changed')).toBe(true);
    expect(left).toEqual(expect.arrayContaining(['survey.answered', 'scorecard.published', 'vendor.score-changed', 'audit-chain.head-published']));
  });
});
