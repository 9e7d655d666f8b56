import { BusinessRuleViolation, IllegalTransitionError } from '@houqin/domain';
import { Offence, applyScorecardVersion, withdrawOffence } from './offence';
import { SanctionProposal, VendorRecord, confirmProposal, decideProposal, dismissProposal } from './proposal';
import { DAY_MS, DEFAULT_SANCTION_RULES, SanctionRule, SanctionRuleSet, inWindow, measure, proposedMeasure, ruleKey, validateRuleSet } from './sanction-rules';
import { Sanction, endPeriod, inForce, liftSanction } from './sanction';

const T = new Date('2026-12-01T04:00:00.000Z');
const VENDOR = '11111111-1111-4111-8111-111111111111';
const POINTS: SanctionRule = { offence: 'penalty-points', threshold: 12, windowDays: 30, measure: 'suspension', suspensionDays: 10 };
const RULES: SanctionRuleSet = { rules: [POINTS], ladder: { windowDays: 365, suspensionDays: 15 }, automatic: false };

let sequence = 0;
function offence(points: number, occurredAt: Date, overrides: Partial<Offence> = {}): Offence {
  sequence += 1;
  return { id: `offence-${sequence}`, agencyId: 'agency-a', vendorId: VENDOR, kind: 'penalty-points', sourceRef: `violation-${sequence}`, weight: points, occurredAt, description: 'SLA breached', ...overrides };
}
const ago = (days: number, ms = 0) => new Date(T.getTime() - days * DAY_MS + ms);
const empty: VendorRecord = { ledger: [], sanctions: [], openProposals: [] };

function decide(ledger: Offence[], trigger: Offence, vendor: Partial<VendorRecord> = {}, rule: SanctionRule = POINTS) {
  return decideProposal({ id: 'proposal-1', agencyId: 'agency-a', vendorId: VENDOR, offenceId: trigger.id, rule, ruleSet: RULES, vendor: { ...empty, ...vendor, ledger } }, T);
}

function suspensionProposal(): SanctionProposal {
  const first = offence(6, ago(2));
  const second = offence(6, T);
  const decision = decide([first, second], second);
  if (!decision.propose) throw new Error('expected a proposal');
  return decision.proposal;
}

describe('sanction rules: thresholds', () => {
  it('does not fire at N − 1 points and fires at N', () => {
    const first = offence(6, ago(3));
    const short = offence(5, T);
    expect(decide([first, short], short)).toEqual({ propose: false, why: 'below-threshold' });
    const reaching = offence(6, T);
    const decision = decide([first, reaching], reaching);
    expect(decision.propose).toBe(true);
    if (decision.propose) {
      expect(decision.proposal).toMatchObject({ figure: 12, threshold: 12, windowDays: 30, measure: 'suspension', suspensionDays: 10, ruleKey: 'penalty-points>=12/30d:suspension-10d' });
      expect(decision.proposal.evidence.map((item) => item.offenceId)).toEqual([first.id, reaching.id]);
    }
  });

  it('counts offences, not points, for the other kinds: N − 1 upheld complaints do not fire, N do', () => {
    const rule: SanctionRule = { offence: 'upheld-complaint', threshold: 3, windowDays: 90, measure: 'warning' };
    const complaints = [1, 2, 3].map((day) => offence(1, ago(day), { kind: 'upheld-complaint' }));
    const [a, b, c] = complaints as [Offence, Offence, Offence];
    expect(decide([a, b], b, {}, rule)).toEqual({ propose: false, why: 'below-threshold' });
    expect(decide([a, b, c], c, {}, rule)).toMatchObject({ propose: true, proposal: { figure: 3, measure: 'warning' } });
  });

  it('leaves withdrawn offences (a voided violation) out of the figure', () => {
    const voided = withdrawOffence(offence(6, ago(1)), 'recorded in error', T);
    const latest = offence(6, T);
    expect(decide([voided, latest], latest)).toEqual({ propose: false, why: 'below-threshold' });
  });
});

describe('sanction rules: the rolling window (t − D days, t]', () => {
  it('no longer counts an offence exactly D days before t, and counts one a millisecond later', () => {
    expect(inWindow(ago(30), T, 30)).toBe(false);
    expect(inWindow(ago(30, 1), T, 30)).toBe(true);
    const atEdge = offence(6, ago(30));
    const trigger = offence(6, T);
    expect(decide([atEdge, trigger], trigger)).toEqual({ propose: false, why: 'below-threshold' });
    const insideEdge = offence(6, ago(30, 1));
    expect(decide([insideEdge, trigger], trigger).propose).toBe(true);
  });

  it('counts an offence at t itself, and one dated after t as at t', () => {
    expect(inWindow(T, T, 30)).toBe(true);
    expect(inWindow(new Date(T.getTime() + 1), T, 30)).toBe(false);
    const ahead = offence(6, new Date(T.getTime() + 500));
    const first = offence(6, ago(1));
    expect(measure(POINTS, [first, ahead], T, new Set()).figure).toBe(12);
  });

  it('does not fire for an offence that arrives late from outside the window, whatever the figure inside', () => {
    const inside = [offence(6, ago(1)), offence(6, ago(2))];
    const old = offence(6, ago(40));
    expect(decide([...inside, old], old)).toEqual({ propose: false, why: 'below-threshold' });
  });
});

describe('sanction rules fire once per offence', () => {
  it('makes no second proposal while one for the same vendor, rule and measure is open', () => {
    const ledger = [offence(6, ago(2)), offence(6, ago(1))];
    const later = offence(3, T);
    expect(decide([...ledger, later], later, { openProposals: [{ ruleKey: ruleKey(POINTS), measure: 'suspension' }] })).toEqual({ propose: false, why: 'proposal-open' });
  });

  it('makes no second proposal while its sanction is active, and never counts the punished offences again', () => {
    const punished = [offence(6, ago(2)), offence(6, ago(1))];
    const later = offence(6, T);
    const sanction = { ruleKey: ruleKey(POINTS), measure: 'suspension' as const, status: 'active' as const, decidedAt: ago(1), evidence: punished.map((item) => item.id) };
    // The punished 12 points no longer count: 6 new ones do not reach the threshold.
    expect(decide([...punished, later], later, { sanctions: [sanction] })).toEqual({ propose: false, why: 'below-threshold' });
  });

  it('proposes nothing against a vendor blacklisted already', () => {
    const first = offence(6, ago(1));
    const trigger = offence(6, T);
    const blacklisting = { ruleKey: 'manual', measure: 'blacklisting' as const, status: 'active' as const, decidedAt: ago(100), evidence: [] };
    expect(decide([first, trigger], trigger, { sanctions: [blacklisting] })).toEqual({ propose: false, why: 'blacklisted' });
  });
});

describe('the ladder warning → suspension → blacklisting', () => {
  const warningRule: SanctionRule = { offence: 'overdue-rectification', threshold: 3, windowDays: 90, measure: 'warning' };
  const ladder = RULES.ladder;

  it("keeps the rule's measure for a vendor with no sanction in the ladder's window", () => {
    expect(proposedMeasure(warningRule, ladder, [], T)).toEqual({ measure: 'warning' });
    expect(proposedMeasure(warningRule, ladder, [{ measure: 'suspension', decidedAt: ago(365) }], T)).toEqual({ measure: 'warning' });
  });

  it('raises a warning to a suspension (of the ladder\'s period) for a vendor warned within the window', () => {
    expect(proposedMeasure(warningRule, ladder, [{ measure: 'warning', decidedAt: ago(365, 1) }], T)).toEqual({ measure: 'suspension', suspensionDays: 15, escalatedFrom: 'warning' });
  });

  it('raises to blacklisting for a vendor suspended within the window, whatever the rule proposes', () => {
    expect(proposedMeasure(warningRule, ladder, [{ measure: 'warning', decidedAt: ago(10) }, { measure: 'suspension', decidedAt: ago(20) }], T)).toEqual({
      measure: 'blacklisting',
      escalatedFrom: 'suspension',
    });
    expect(proposedMeasure(POINTS, ladder, [{ measure: 'suspension', decidedAt: ago(20) }], T)).toEqual({ measure: 'blacklisting', escalatedFrom: 'suspension' });
  });

  it("never lowers the rule's own measure, and keeps the rule's period for a suspension the warning raised", () => {
    expect(proposedMeasure(POINTS, ladder, [{ measure: 'warning', decidedAt: ago(10) }], T)).toEqual({ measure: 'suspension', suspensionDays: 10 });
  });

  it('a proposal names the step the ladder raised it from', () => {
    const first = offence(6, ago(2));
    const trigger = offence(6, T);
    const earlier = { ruleKey: 'other', measure: 'suspension' as const, status: 'ended' as const, decidedAt: ago(60), evidence: [] };
    expect(decide([first, trigger], trigger, { sanctions: [earlier] })).toMatchObject({ propose: true, proposal: { measure: 'blacklisting', escalatedFrom: 'suspension' } });
  });
});

describe('confirming and dismissing a proposal', () => {
  it('confirms a suspension for the rule\'s period from now by default', () => {
    const { proposal, sanction } = confirmProposal(suspensionProposal(), { by: 'manager-1' }, 'sanction-1', T);
    expect(proposal).toMatchObject({ status: 'confirmed', decidedBy: 'manager-1', sanctionId: 'sanction-1' });
    expect(sanction).toMatchObject({ measure: 'suspension', status: 'active', from: T, until: new Date(T.getTime() + 10 * DAY_MS) });
    expect(sanction.evidence).toHaveLength(2);
  });

  it('lets the confirmer shorten the period with a reason, never extend it or start it in the past', () => {
    const shorter = new Date(T.getTime() + 5_000);
    expect(confirmProposal(suspensionProposal(), { by: 'm', reason: 'first time', until: shorter }, 's', T).sanction.until).toEqual(shorter);
    expect(() => confirmProposal(suspensionProposal(), { by: 'm', until: shorter }, 's', T)).toThrow(expect.objectContaining({ field: 'reason' }) as Error);
    expect(() => confirmProposal(suspensionProposal(), { by: 'm', reason: 'r', until: new Date(T.getTime() + 10 * DAY_MS + 1) }, 's', T)).toThrow(
      expect.objectContaining({ code: 'sanction-beyond-period', field: 'until' }) as Error,
    );
    expect(() => confirmProposal(suspensionProposal(), { by: 'm', reason: 'r', from: ago(0, -1) }, 's', T)).toThrow(expect.objectContaining({ field: 'from' }) as Error);
  });

  it('refuses a second decision, naming the state', () => {
    const { proposal } = confirmProposal(suspensionProposal(), { by: 'm' }, 's', T);
    expect(() => dismissProposal(proposal, { by: 'm', reason: 'no' }, T)).toThrow(IllegalTransitionError);
    const dismissed = dismissProposal(suspensionProposal(), { by: 'm', reason: 'the breaches were the agency’s fault' }, T);
    expect(dismissed.status).toBe('dismissed');
    expect(() => confirmProposal(dismissed, { by: 'm' }, 's', T)).toThrow('sanction proposal is dismissed; cannot confirm');
    expect(() => dismissProposal(suspensionProposal(), { by: 'm', reason: '  ' }, T)).toThrow(BusinessRuleViolation);
  });
});

describe('the end of a period', () => {
  function suspension(): Sanction {
    return confirmProposal(suspensionProposal(), { by: 'm', reason: 'short', until: new Date(T.getTime() + 60_000) }, 'sanction-1', T).sanction;
  }

  it('ends a suspension at its end, not a millisecond before, recording the end as the instant of reinstatement', () => {
    const active = suspension();
    const until = new Date(T.getTime() + 60_000);
    expect(endPeriod(active, new Date(until.getTime() - 1))).toBeUndefined();
    expect(inForce(active, new Date(until.getTime() - 1))).toBe(true);
    const ended = endPeriod(active, new Date(until.getTime() + 5_000));
    expect(ended).toMatchObject({ status: 'ended', endedAt: until, endCause: 'period-ended' });
    expect(inForce(active, until)).toBe(false);
    expect(endPeriod(ended as Sanction, new Date(until.getTime() + 10_000))).toBeUndefined();
  });

  it('lifts an active sanction early with a reason, once; a warning has nothing to lift', () => {
    const lifted = liftSanction(suspension(), { by: 'admin', reason: 'rectified in full' }, T);
    expect(lifted).toMatchObject({ status: 'lifted', endCause: 'lifted-early', endedAt: T, liftedBy: 'admin' });
    expect(() => liftSanction(lifted, { by: 'admin', reason: 'again' }, T)).toThrow('sanction is lifted; cannot lift');
    expect(endPeriod(lifted, new Date(T.getTime() + DAY_MS))).toBeUndefined();
    const warningProposal: SanctionProposal = { ...suspensionProposal(), measure: 'warning' };
    delete warningProposal.suspensionDays;
    const warning = confirmProposal(warningProposal, { by: 'm' }, 'w', T).sanction;
    expect(warning.status).toBe('issued');
    expect(() => liftSanction(warning, { by: 'admin', reason: 'x' }, T)).toThrow(IllegalTransitionError);
  });
});

describe('the offence ledger', () => {
  const create = (): Offence => offence(1, T, { kind: 'failing-scorecard', sourceRef: 'maintenance:2026-11' });

  it("counts a scorecard series by its latest version's standing", () => {
    const failing = applyScorecardVersion(undefined, { version: 1, failing: true, publishedAt: T, standing: 'failing' }, create);
    expect(failing?.withdrawnAt).toBeUndefined();
    const corrected = applyScorecardVersion(failing, { version: 2, failing: false, publishedAt: ago(-1), standing: 'warning' }, create);
    expect(corrected?.withdrawnAt).toEqual(ago(-1));
    expect(applyScorecardVersion(corrected, { version: 1, failing: true, publishedAt: T, standing: 'failing' }, create)).toBe(corrected);
  });

  it('remembers a passing correction seen before the failing version it corrects', () => {
    const passing = applyScorecardVersion(undefined, { version: 2, failing: false, publishedAt: T, standing: 'good' }, create);
    expect(passing?.withdrawnAt).toEqual(T);
    expect(applyScorecardVersion(passing, { version: 1, failing: true, publishedAt: ago(1), standing: 'failing' }, create)).toBe(passing);
    expect(applyScorecardVersion(undefined, { version: 1, failing: false, publishedAt: T, standing: 'good' }, create)).toBeUndefined();
  });
});

describe('rule sets', () => {
  it('accepts the defaults and names the field of a faulty rule', () => {
    expect(validateRuleSet(DEFAULT_SANCTION_RULES)).toBe(DEFAULT_SANCTION_RULES);
    expect(() => validateRuleSet({ ...RULES, rules: [{ ...POINTS, threshold: 0 }] })).toThrow(expect.objectContaining({ field: 'rules[0].threshold' }) as Error);
    expect(() => validateRuleSet({ ...RULES, rules: [{ offence: 'penalty-points', threshold: 3, windowDays: 30, measure: 'suspension' }] })).toThrow(
      expect.objectContaining({ field: 'rules[0].suspensionDays' }) as Error,
    );
    expect(() => validateRuleSet({ ...RULES, rules: [POINTS, { ...POINTS }] })).toThrow(expect.objectContaining({ field: 'rules[1]' }) as Error);
  });
});
