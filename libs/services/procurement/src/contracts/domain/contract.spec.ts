import { BusinessRuleViolation, FixedClock, IllegalTransitionError } from '@houqin/domain';
import { CONTRACT_STATUSES, ContractDraft, ContractStatus, ProcurementContract, draftContract, expireContract, inForce, signContract, terminateContract, vendorIneligibility } from './contract';

const clock = new FixedClock(new Date('2026-11-27T09:00:00Z'));
const hours = (responseHours: number, resolutionHours: number) => ({ responseHours, resolutionHours });

const maintenance: ContractDraft = {
  id: '1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b',
  agencyId: 'agency-a',
  createdBy: 'manager-1',
  title: ' Building maintenance 2027 ',
  vendor: { id: 'f0e1d2c3-b4a5-4968-8776-5a4b3c2d1e0f', name: 'Jinan Facility Services Co.', categories: ['maintenance', 'cleaning'] },
  serviceType: 'maintenance',
  source: { requisitionId: '2c3d4e5f-6071-4829-9bac-1d2e3f4a5b6c' },
  scope: { description: ' Repairs of the office buildings ', buildings: [' A ', 'B'], assetCategories: ['hvac'] },
  validFrom: new Date('2027-01-01T00:00:00+08:00'),
  validTo: new Date('2028-01-01T00:00:00+08:00'),
  priceTerms: { monthlyFee: 8_000_000, unitRates: [{ unit: 'call-out', description: 'Out-of-hours call-out', rate: 30_000 }] },
  slaTerms: { priorities: { urgent: hours(1, 4), high: hours(4, 24), normal: hours(24, 72), low: hours(72, 240) } },
  penaltyRules: [
    { breach: 'response-late', amount: 50_000, capPerMonth: 500_000 },
    { breach: 'resolution-late', percentOfMonthlyFee: 0.5, capPerMonth: 800_000 },
  ],
};

function violation(action: () => unknown): BusinessRuleViolation {
  try {
    action();
  } catch (error) {
    if (error instanceof BusinessRuleViolation) return error;
    throw error;
  }
  throw new Error('expected a business rule violation');
}

function with_(changes: Partial<ContractDraft>): ContractDraft {
  return { ...maintenance, ...changes };
}

describe('drafting a contract', () => {
  it('keeps a valid maintenance contract with its SLA per priority, penalties and prices, trimmed', () => {
    const contract = draftContract(maintenance, clock);
    expect(contract).toMatchObject({
      status: 'draft',
      title: 'Building maintenance 2027',
      serviceType: 'maintenance',
      vendorName: 'Jinan Facility Services Co.',
      scope: { description: 'Repairs of the office buildings', buildings: ['A', 'B'], assetCategories: ['hvac'] },
      slaTerms: { serviceType: 'maintenance', priorities: { urgent: { responseHours: 1, resolutionHours: 4 }, low: { responseHours: 72, resolutionHours: 240 } } },
      penaltyRules: [{ breach: 'response-late', amount: 50_000 }, { breach: 'resolution-late', percentOfMonthlyFee: 0.5 }],
      priceTerms: { monthlyFee: 8_000_000, unitRates: [{ unit: 'call-out', rate: 30_000 }] },
      createdAt: clock.now(),
    });
  });

  it('refuses a validity that does not end after it starts', () => {
    expect(violation(() => draftContract(with_({ validTo: maintenance.validFrom }), clock)).field).toBe('validTo');
  });

  it('refuses a vendor not registered for the service type, and an unknown service type', () => {
    expect(violation(() => draftContract(with_({ serviceType: 'transport' }), clock))).toMatchObject({ code: 'vendor-category', field: 'vendorId' });
    expect(violation(() => draftContract(with_({ serviceType: 'gardening' }), clock)).field).toBe('serviceType');
  });

  it('keeps buildings and asset categories for maintenance only', () => {
    const cleaning = with_({ serviceType: 'cleaning', slaTerms: { minInspectionPassRate: 95 }, penaltyRules: [] });
    expect(violation(() => draftContract(cleaning, clock)).field).toBe('scope.buildings');
    expect(draftContract({ ...cleaning, scope: { description: 'Daily cleaning' } }, clock).slaTerms).toEqual({ serviceType: 'cleaning', minInspectionPassRate: 95 });
  });

  it('needs some price: a fixed total, a monthly fee or unit rates', () => {
    expect(violation(() => draftContract(with_({ priceTerms: { unitRates: [] }, penaltyRules: [] }), clock)).field).toBe('priceTerms');
    expect(violation(() => draftContract(with_({ priceTerms: { fixedTotal: 0 } }), clock)).field).toBe('priceTerms.fixedTotal');
    expect(
      violation(() => draftContract(with_({ priceTerms: { monthlyFee: 1, unitRates: [{ unit: 'h', description: '', rate: 1 }, { unit: 'h', description: '', rate: 2 }] } }), clock)).field,
    ).toBe('priceTerms.unitRates[1].unit');
  });
});

describe('SLA terms per service type', () => {
  it('maintenance: every priority, positive whole hours, response no later than resolution', () => {
    const priorities = { urgent: hours(1, 4), high: hours(4, 24), normal: hours(24, 72), low: hours(72, 240) };
    expect(violation(() => draftContract(with_({ slaTerms: { priorities: { ...priorities, low: undefined } } }), clock)).field).toBe('slaTerms.priorities.low');
    expect(violation(() => draftContract(with_({ slaTerms: { priorities: { ...priorities, high: hours(0, 24) } } }), clock)).field).toBe('slaTerms.priorities.high.responseHours');
    expect(violation(() => draftContract(with_({ slaTerms: { priorities: { ...priorities, normal: hours(24, 1.5) } } }), clock)).field).toBe(
      'slaTerms.priorities.normal.resolutionHours',
    );
    expect(violation(() => draftContract(with_({ slaTerms: { priorities: { ...priorities, urgent: hours(8, 4) } } }), clock))).toMatchObject({
      code: 'response-after-resolution',
      field: 'slaTerms.priorities.urgent.responseHours',
    });
    expect(violation(() => draftContract(with_({ slaTerms: { priorities: { ...priorities, critical: hours(1, 2) } } }), clock)).field).toBe('slaTerms.priorities.critical');
    expect(violation(() => draftContract(with_({ slaTerms: {} }), clock)).field).toBe('slaTerms.priorities');
  });

  const catering = with_({
    vendor: { ...maintenance.vendor, categories: ['catering', 'transport', 'supplies'] },
    serviceType: 'catering',
    scope: { description: 'Staff canteen' },
    slaTerms: { minInspectionPassRate: 98, minSatisfactionScore: 4.2 },
    penaltyRules: [{ breach: 'inspection-failed', amount: 100_000, capPerMonth: 1_000_000 }],
  });

  it('catering: an inspection pass rate in percent and a satisfaction score out of 5', () => {
    expect(draftContract(catering, clock).slaTerms).toEqual({ serviceType: 'catering', minInspectionPassRate: 98, minSatisfactionScore: 4.2 });
    expect(violation(() => draftContract({ ...catering, slaTerms: { minInspectionPassRate: 101, minSatisfactionScore: 4 } }, clock)).field).toBe('slaTerms.minInspectionPassRate');
    expect(violation(() => draftContract({ ...catering, slaTerms: { minInspectionPassRate: 90, minSatisfactionScore: 6 } }, clock)).field).toBe('slaTerms.minSatisfactionScore');
    expect(violation(() => draftContract({ ...catering, slaTerms: { minInspectionPassRate: 90 } }, clock)).field).toBe('slaTerms.minSatisfactionScore');
  });

  it('transport: a punctuality rate and the longest response to a dispatch, in minutes', () => {
    const transport = { ...catering, serviceType: 'transport', penaltyRules: [{ breach: 'late-pickup', amount: 20_000, capPerMonth: 200_000 }] };
    expect(draftContract({ ...transport, slaTerms: { minPunctualityRate: 97.5, maxDispatchResponseMinutes: 30 } }, clock).slaTerms).toEqual({
      serviceType: 'transport',
      minPunctualityRate: 97.5,
      maxDispatchResponseMinutes: 30,
    });
    expect(violation(() => draftContract({ ...transport, slaTerms: { minPunctualityRate: 0, maxDispatchResponseMinutes: 30 } }, clock)).field).toBe('slaTerms.minPunctualityRate');
    expect(violation(() => draftContract({ ...transport, slaTerms: { minPunctualityRate: 90, maxDispatchResponseMinutes: 0 } }, clock)).field).toBe('slaTerms.maxDispatchResponseMinutes');
  });

  it('supplies: delivery days; a term of another service type is refused by name', () => {
    const supplies = { ...catering, serviceType: 'supplies', penaltyRules: [] };
    expect(draftContract({ ...supplies, slaTerms: { deliveryDays: 3 } }, clock).slaTerms).toEqual({ serviceType: 'supplies', deliveryDays: 3 });
    expect(violation(() => draftContract({ ...supplies, slaTerms: { deliveryDays: 3, minPunctualityRate: 90 } }, clock))).toMatchObject({
      code: 'sla-term-not-applicable',
      field: 'slaTerms.minPunctualityRate',
    });
    expect(violation(() => draftContract({ ...supplies, slaTerms: { deliveryDays: -1 } }, clock)).field).toBe('slaTerms.deliveryDays');
  });
});

describe('penalty rules', () => {
  const rule = (changes: Record<string, unknown>) => with_({ penaltyRules: [{ breach: 'response-late', amount: 50_000, capPerMonth: 500_000, ...changes }] });

  it('takes breach kinds of the service type only, once each', () => {
    expect(violation(() => draftContract(rule({ breach: 'late-pickup' }), clock))).toMatchObject({ code: 'breach-not-applicable', field: 'penaltyRules[0].breach' });
    const twice = with_({ penaltyRules: [maintenance.penaltyRules[0]!, maintenance.penaltyRules[0]!] });
    expect(violation(() => draftContract(twice, clock)).field).toBe('penaltyRules[1].breach');
  });

  it('is an amount in fen or a percentage of the monthly fee, never both, within its cap', () => {
    expect(violation(() => draftContract(rule({ percentOfMonthlyFee: 1 }), clock)).code).toBe('penalty-amount-or-percent');
    expect(violation(() => draftContract(rule({ amount: undefined }), clock)).field).toBe('penaltyRules[0].amount');
    expect(violation(() => draftContract(rule({ amount: 600_000 }), clock))).toMatchObject({ code: 'penalty-above-cap', field: 'penaltyRules[0].amount' });
    expect(violation(() => draftContract(rule({ capPerMonth: 0 }), clock)).field).toBe('penaltyRules[0].capPerMonth');
    expect(violation(() => draftContract(rule({ amount: undefined, percentOfMonthlyFee: 150 }), clock)).field).toBe('penaltyRules[0].percentOfMonthlyFee');
  });

  it('needs a monthly fee for a percentage', () => {
    const fixed = with_({ priceTerms: { fixedTotal: 96_000_000 }, penaltyRules: [{ breach: 'resolution-late', percentOfMonthlyFee: 1, capPerMonth: 100_000 }] });
    expect(violation(() => draftContract(fixed, clock))).toMatchObject({ code: 'penalty-needs-monthly-fee', field: 'penaltyRules[0].percentOfMonthlyFee' });
  });
});

describe('the state machine', () => {
  const draft = draftContract(maintenance, clock);
  const active = { name: 'Jinan Facility Services Co.', status: 'active' };

  it('signs a draft with an active vendor', () => {
    const signed = signContract(draft, active, 'admin-1', clock);
    expect(signed).toMatchObject({ status: 'signed', signedBy: 'admin-1', signedAt: clock.now() });
    expect(inForce(signed, new Date('2027-06-01T00:00:00Z'))).toBe(true);
    expect(inForce(signed, clock.now())).toBe(false);
    expect(inForce(draft, new Date('2027-06-01T00:00:00Z'))).toBe(false);
  });

  it('refuses a suspended or blacklisted vendor, naming why', () => {
    expect(vendorIneligibility(active, clock.now())).toBeUndefined();
    expect(vendorIneligibility({ name: 'X', status: 'suspended', suspendedUntil: new Date('2026-11-01T00:00:00Z') }, clock.now())).toBeUndefined();
    expect(vendorIneligibility({ name: 'X', status: 'suspended', suspendedUntil: new Date('2027-01-01T00:00:00Z'), suspensionBySanction: true }, clock.now())).toBe(
      'vendor X is sanctioned (suspended) until 2027-01-01T00:00:00.000Z and may not sign contracts',
    );
    const refused = violation(() => signContract(draft, { name: 'Jinan Facility Services Co.', status: 'suspended' }, 'admin-1', clock));
    expect(refused).toMatchObject({ code: 'vendor-not-eligible', field: 'vendorId' });
    expect(refused.message).toContain('suspended');
    expect(violation(() => signContract(draft, { name: 'X', status: 'blacklisted', blacklistReason: 'Forged inspection records' }, 'admin-1', clock)).message).toBe(
      'vendor X is blacklisted (Forged inspection records) and may not sign contracts',
    );
  });

  it('refuses to sign a contract whose validity has already ended', () => {
    const late = new FixedClock(new Date('2028-02-01T00:00:00Z'));
    expect(violation(() => signContract(draft, active, 'admin-1', late)).field).toBe('validTo');
  });

  it('terminates a signed contract with a reason, and expires it once validTo has come', () => {
    const signed = signContract(draft, active, 'admin-1', clock);
    expect(violation(() => terminateContract(signed, { by: 'admin-1', reason: '  ' }, clock)).field).toBe('reason');
    expect(terminateContract(signed, { by: 'admin-1', reason: 'Repeated breaches' }, clock)).toMatchObject({
      status: 'terminated',
      termination: { by: 'admin-1', reason: 'Repeated breaches' },
    });
    expect(violation(() => expireContract(signed, clock)).code).toBe('not-yet-expired');
    expect(expireContract(signed, new FixedClock(new Date('2028-01-01T00:00:00+08:00')))).toMatchObject({ status: 'expired' });
  });

  it('answers illegal transitions naming the current state', () => {
    const signed = signContract(draft, active, 'admin-1', clock);
    const terminated: ProcurementContract = terminateContract(signed, { by: 'admin-1', reason: 'Breaches' }, clock);
    for (const [action, error] of [
      ['sign', () => signContract(signed, active, 'admin-1', clock)],
      ['terminate', () => terminateContract(draft, { by: 'admin-1', reason: 'x' }, clock)],
      ['terminate', () => terminateContract(terminated, { by: 'admin-1', reason: 'x' }, clock)],
      ['expire', () => expireContract(draft, clock)],
    ] as const) {
      expect(error).toThrow(IllegalTransitionError);
      expect(error).toThrow(new RegExp(`cannot ${action}`));
    }
    expect(() => signContract(terminated, active, 'admin-1', clock)).toThrow('contract is terminated; cannot sign');
  });
});

/*
 * The whole state × action table, written out from the business: a draft is signed; a signed
 * contract ends by termination (with a reason) or by expiry at its end; an ended contract is final.
 * '409' is an illegal transition naming the state.
 */
type ContractAction = 'sign' | 'terminate' | 'expire';
const CONTRACT_TABLE: Record<ContractStatus, Record<ContractAction, ContractStatus | '409'>> = {
  draft: { sign: 'signed', terminate: '409', expire: '409' },
  signed: { sign: '409', terminate: 'terminated', expire: 'expired' },
  expired: { sign: '409', terminate: '409', expire: '409' },
  terminated: { sign: '409', terminate: '409', expire: '409' },
};

describe('the contract state × action table', () => {
  const afterItsEnd = new FixedClock(new Date('2028-01-02T00:00:00+08:00'));
  const perform: Record<ContractAction, (contract: ProcurementContract) => ProcurementContract> = {
    sign: (contract) => signContract(contract, { name: 'Jinan Facility Services Co.', status: 'active' }, 'admin-1', clock),
    terminate: (contract) => terminateContract(contract, { by: 'admin-1', reason: 'repeated SLA breaches' }, clock),
    expire: (contract) => expireContract(contract, afterItsEnd),
  };
  const cells = CONTRACT_STATUSES.flatMap((state) => (Object.keys(perform) as ContractAction[]).map((action) => [state, action, CONTRACT_TABLE[state][action]] as const));

  it('has a row for every state', () => {
    expect(Object.keys(CONTRACT_TABLE).sort()).toEqual([...CONTRACT_STATUSES].sort());
  });

  it.each(cells)('%s, %s → %s', (state, action, expected) => {
    const contract: ProcurementContract = { ...draftContract(maintenance, clock), status: state };
    if (expected === '409') {
      expect(() => perform[action](contract)).toThrow(expect.objectContaining({ constructor: IllegalTransitionError, currentState: state }));
    } else {
      expect(perform[action](contract).status).toBe(expected);
    }
  });
});
