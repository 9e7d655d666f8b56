import { BusinessRuleViolation, FixedClock, IllegalTransitionError } from '@houqin/domain';
import { WORK_ORDER_STATUSES, WorkOrderStatus } from '../../work-orders/domain/work-order';
import {
  COSTS_OPEN_STATUSES,
  CostActor,
  CostLine,
  CostedWorkOrder,
  costPerWorkOrderFen,
  costPeriod,
  labourAmountFen,
  mayView,
  partsAmountFen,
  recordExtra,
  recordLabour,
  recordParts,
  startOfBusinessDay,
  summariseCosts,
  totalsByKind,
  voidCostLine,
} from './work-order-cost';

const clock = new FixedClock(new Date('2026-03-04T09:10:00Z'));
const vendorId = '0b5f7c6e-8d1a-4b7e-9c2f-3a4d5e6f7a8b';
const order: CostedWorkOrder = { id: 'wo-1', agencyId: 'agency-a', status: 'in-progress', assignee: 'vendor', vendorId, contractId: 'contract-1', assetId: 'asset-1' };
const vendor: CostActor = { userId: 'vendor-user-1', roles: ['vendor'], vendorId };
const otherVendor: CostActor = { userId: 'vendor-user-2', roles: ['vendor'], vendorId: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a' };
const manager: CostActor = { userId: 'manager-1', roles: ['logistics-manager'] };
const staff: CostActor = { userId: 'staff-1', roles: ['staff'] };

function thrown(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the action to throw');
}

const labour = (overrides: Partial<{ worker: string; minutes: number; hourlyRateFen: number }> = {}) => ({ id: 'line-1', worker: '张师傅', minutes: 90, hourlyRateFen: 10_000, ...overrides });

describe('amounts', () => {
  it('prices labour as minutes × hourly rate / 60', () => {
    expect(labourAmountFen(90, 10_000)).toBe(15_000);
    expect(labourAmountFen(60, 8_888)).toBe(8_888);
    expect(labourAmountFen(1, 0)).toBe(0);
  });

  it('rounds labour half up to the fen', () => {
    // 1 minute at 90 fen an hour is 1.5 fen; at 89 fen, 1.483 fen; at 91 fen, 1.517 fen.
    expect(labourAmountFen(1, 90)).toBe(2);
    expect(labourAmountFen(1, 89)).toBe(1);
    expect(labourAmountFen(1, 91)).toBe(2);
    // 7 minutes at 100 fen an hour: 11.666… fen.
    expect(labourAmountFen(7, 100)).toBe(12);
    expect(labourAmountFen(7, 10)).toBe(1);
  });

  it('stays exact at the largest line allowed', () => {
    expect(labourAmountFen(60_000, 10_000_000)).toBe(10_000_000_000);
  });

  it('refuses fractional, zero or out-of-range minutes and rates, naming the field', () => {
    expect((thrown(() => labourAmountFen(1.5, 100)) as BusinessRuleViolation).field).toBe('minutes');
    expect((thrown(() => labourAmountFen(0, 100)) as BusinessRuleViolation).field).toBe('minutes');
    expect((thrown(() => labourAmountFen(60_001, 100)) as BusinessRuleViolation).field).toBe('minutes');
    expect((thrown(() => labourAmountFen(10, -1)) as BusinessRuleViolation).field).toBe('hourlyRateFen');
    expect((thrown(() => labourAmountFen(10, 0.5)) as BusinessRuleViolation).field).toBe('hourlyRateFen');
  });

  it("takes the parts' value from procurement, else quantity × unit cost, else 0 when the issue was not valued", () => {
    expect(partsAmountFen(2, 2_350, 4_700)).toBe(4_700);
    expect(partsAmountFen(3, 2_350)).toBe(7_050);
    expect(partsAmountFen(3)).toBe(0);
  });

  it('divides the cost per work order half up to the fen, and 0 without work orders', () => {
    expect(costPerWorkOrderFen(10, 4)).toBe(3);
    expect(costPerWorkOrderFen(10, 3)).toBe(3);
    expect(costPerWorkOrderFen(11, 2)).toBe(6);
    expect(costPerWorkOrderFen(0, 2)).toBe(0);
    expect(costPerWorkOrderFen(500, 0)).toBe(0);
  });
});

describe('allowed states', () => {
  it('accepts costs from acceptance until verification', () => {
    expect(COSTS_OPEN_STATUSES).toEqual(['accepted', 'in-progress', 'on-hold-requester', 'completed', 'verified']);
    for (const status of COSTS_OPEN_STATUSES) expect(recordLabour({ ...order, status }, vendor, labour(), clock).amountFen).toBe(15_000);
  });

  it.each(WORK_ORDER_STATUSES.filter((status) => !COSTS_OPEN_STATUSES.includes(status)))('refuses costs on a %s work order, naming the state', (status) => {
    const error = thrown(() => recordExtra({ ...order, status }, manager, { id: 'line-2', description: 'Scaffolding', amountFen: 100 }, clock));
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect(error.message).toBe(`work order is ${status}; cannot record costs`);
  });

  it('refuses to void a line once the work order is closed', () => {
    const line = recordExtra(order, manager, { id: 'line-2', description: 'Scaffolding', amountFen: 100 }, clock);
    expect(thrown(() => voidCostLine({ ...order, status: 'closed' }, line, manager, 'wrong', clock)).message).toBe('work order is closed; cannot void its costs');
  });
});

describe('who records and sees costs', () => {
  it("lets the work order's vendor and operators record, and no one else", () => {
    expect(recordLabour(order, vendor, labour(), clock).recordedBy).toBe('vendor-user-1');
    expect(recordLabour(order, manager, labour(), clock).recordedBy).toBe('manager-1');
    expect((thrown(() => recordLabour(order, otherVendor, labour(), clock)) as BusinessRuleViolation).code).toBe('not-assignee');
    expect((thrown(() => recordLabour(order, staff, labour(), clock)) as BusinessRuleViolation).code).toBe('not-assignee');
  });

  it("leaves the internal team's costs to operators", () => {
    const internal: CostedWorkOrder = { id: 'wo-2', agencyId: 'agency-a', status: 'in-progress', assignee: 'internal' };
    expect(recordExtra(internal, manager, { id: 'line-3', description: 'Sealant', amountFen: 1_200 }, clock).amountFen).toBe(1_200);
    expect((thrown(() => recordExtra(internal, vendor, { id: 'line-3', description: 'Sealant', amountFen: 1_200 }, clock)) as BusinessRuleViolation).code).toBe('not-assignee');
  });

  it("shows a vendor account only its own vendor's work orders", () => {
    expect(mayView(order, vendor)).toBe(true);
    expect(mayView(order, otherVendor)).toBe(false);
    expect(mayView(order, { userId: 'v', roles: ['vendor'] })).toBe(false);
    expect(mayView(order, staff)).toBe(true);
  });

  it('lets only an operator void a line, once, with a reason', () => {
    const line = recordLabour(order, vendor, labour(), clock);
    expect((thrown(() => voidCostLine(order, line, vendor, 'recorded twice', clock)) as BusinessRuleViolation).code).toBe('not-operator');
    expect((thrown(() => voidCostLine(order, line, manager, '   ', clock)) as BusinessRuleViolation).field).toBe('reason');
    const voided = voidCostLine(order, line, manager, ' recorded twice ', clock);
    expect(voided.voided).toEqual({ by: 'manager-1', at: clock.now(), reason: 'recorded twice' });
    expect(voided.amountFen).toBe(line.amountFen);
    expect(thrown(() => voidCostLine(order, voided, manager, 'again', clock)).message).toBe('cost line is voided; cannot void');
  });
});

describe('recording', () => {
  it('records labour with the trimmed worker as its description, and the note', () => {
    const line = recordLabour(order, vendor, { ...labour({ worker: '  张师傅 (制冷工) ' }), note: ' replaced the pump ' }, clock);
    expect(line).toEqual({
      id: 'line-1',
      workOrderId: 'wo-1',
      agencyId: 'agency-a',
      kind: 'labour',
      description: '张师傅 (制冷工)',
      amountFen: 15_000,
      labour: { worker: '张师傅 (制冷工)', minutes: 90, hourlyRateFen: 10_000 },
      note: 'replaced the pump',
      recordedBy: 'vendor-user-1',
      incurredAt: clock.now(),
      recordedAt: clock.now(),
    });
  });

  it('refuses a blank worker or description and an extra cost of nothing, naming the field', () => {
    expect((thrown(() => recordLabour(order, vendor, labour({ worker: '  ' }), clock)) as BusinessRuleViolation).field).toBe('worker');
    expect((thrown(() => recordExtra(order, vendor, { id: 'x', description: '', amountFen: 100 }, clock)) as BusinessRuleViolation).field).toBe('description');
    expect((thrown(() => recordExtra(order, vendor, { id: 'x', description: 'Skip hire', amountFen: 0 }, clock)) as BusinessRuleViolation).field).toBe('amountFen');
    expect((thrown(() => recordExtra(order, vendor, { id: 'x', description: 'Skip hire', amountFen: 12.5 }, clock)) as BusinessRuleViolation).field).toBe('amountFen');
  });

  it('records parts as procurement issued them, dated by the issue, whatever the state of the work order', () => {
    const issuedAt = new Date('2026-03-01T02:00:00Z');
    const issue = { movementId: 'mv-1', stockItemId: 'item-1', code: 'FILTER-01', storeRoomId: 'room-1', quantity: 2, unitCostFen: 2_350, valueFen: 4_700, issuedBy: 'keeper-1', issuedAt };
    const line = recordParts({ ...order, status: 'closed' }, 'line-9', issue, clock);
    expect(line).toEqual({
      id: 'line-9',
      workOrderId: 'wo-1',
      agencyId: 'agency-a',
      kind: 'parts',
      description: 'FILTER-01',
      amountFen: 4_700,
      parts: { movementId: 'mv-1', stockItemId: 'item-1', code: 'FILTER-01', storeRoomId: 'room-1', quantity: 2, unitCostFen: 2_350 },
      recordedBy: 'keeper-1',
      incurredAt: issuedAt,
      recordedAt: clock.now(),
    });
  });
});

describe('totals by kind', () => {
  const line = (kind: CostLine['kind'], amountFen: number, voided = false): Pick<CostLine, 'kind' | 'amountFen' | 'voided'> => ({
    kind,
    amountFen,
    ...(voided ? { voided: { by: 'manager-1', at: clock.now(), reason: 'wrong' } } : {}),
  });

  it('adds each kind and the total, leaving voided lines out', () => {
    expect(totalsByKind([line('labour', 15_000), line('labour', 2_500), line('parts', 4_700), line('extra', 35_000), line('extra', 99_999, true)])).toEqual({
      labourFen: 17_500,
      partsFen: 4_700,
      extraFen: 35_000,
      totalFen: 57_200,
    });
  });

  it('is all zero without lines, or with voided lines only', () => {
    expect(totalsByKind([])).toEqual({ labourFen: 0, partsFen: 0, extraFen: 0, totalFen: 0 });
    expect(totalsByKind([line('parts', 100, true)]).totalFen).toBe(0);
  });
});

describe('summaries', () => {
  it('groups by key with totals, work orders and cost per work order; overall counts a work order once', () => {
    const { groups, overall } = summariseCosts([
      { key: '2026-02', workOrderId: 'wo-1', labourFen: 10_000, partsFen: 0, extraFen: 0 },
      { key: '2026-03', workOrderId: 'wo-1', labourFen: 5_000, partsFen: 4_700, extraFen: 0 },
      { key: '2026-03', workOrderId: 'wo-2', labourFen: 0, partsFen: 0, extraFen: 1_001 },
    ]);
    expect(groups).toEqual([
      { key: '2026-02', labourFen: 10_000, partsFen: 0, extraFen: 0, totalFen: 10_000, workOrders: 1, costPerWorkOrderFen: 10_000 },
      { key: '2026-03', labourFen: 5_000, partsFen: 4_700, extraFen: 1_001, totalFen: 10_701, workOrders: 2, costPerWorkOrderFen: 5_351 },
    ]);
    expect(overall).toEqual({ labourFen: 15_000, partsFen: 4_700, extraFen: 1_001, totalFen: 20_701, workOrders: 2, costPerWorkOrderFen: 10_351 });
    expect(groups.reduce((sum, group) => sum + group.totalFen, 0)).toBe(overall.totalFen);
  });

  it('puts the group without a key (no asset, the internal team) last', () => {
    const { groups } = summariseCosts([
      { key: null, workOrderId: 'wo-3', labourFen: 1, partsFen: 0, extraFen: 0 },
      { key: 'b', workOrderId: 'wo-2', labourFen: 1, partsFen: 0, extraFen: 0 },
      { key: 'a', workOrderId: 'wo-1', labourFen: 1, partsFen: 0, extraFen: 0 },
    ]);
    expect(groups.map((group) => group.key)).toEqual(['a', 'b', null]);
  });

  it('is empty without costs', () => {
    expect(summariseCosts([])).toEqual({ groups: [], overall: { labourFen: 0, partsFen: 0, extraFen: 0, totalFen: 0, workOrders: 0, costPerWorkOrderFen: 0 } });
  });

  it('reads periods as calendar days in China Standard Time, both days included', () => {
    expect(startOfBusinessDay('2026-03-01')).toEqual(new Date('2026-02-28T16:00:00Z'));
    expect(costPeriod('2026-03-01', '2026-03-31')).toEqual({ from: new Date('2026-02-28T16:00:00Z'), until: new Date('2026-03-31T16:00:00Z') });
    expect(costPeriod(undefined, undefined)).toEqual({});
  });

  it('refuses dates that are not calendar days and a period ending before it starts, naming the field', () => {
    expect(startOfBusinessDay('2026-02-30')).toBeUndefined();
    expect(startOfBusinessDay('2026-3-1')).toBeUndefined();
    expect((thrown(() => costPeriod('yesterday', undefined)) as BusinessRuleViolation).field).toBe('from');
    expect((thrown(() => costPeriod(undefined, '2026-13-01')) as BusinessRuleViolation).field).toBe('to');
    expect((thrown(() => costPeriod('2026-03-02', '2026-03-01')) as BusinessRuleViolation).field).toBe('to');
  });
});

/*
 * Costs by the work order's state, written out from the business (not read from COSTS_OPEN_STATUSES):
 * labour and other costs are recorded, and lines voided, once the assignee has taken the work on and
 * until the work order is closed; before acceptance there is no work to cost, and a closed or
 * cancelled work order's costs are final ('409' naming the state).
 */
type CostAction = 'record-labour' | 'record-extra' | 'void-line';
// prettier-ignore
const COSTS_TABLE: Record<WorkOrderStatus, Record<CostAction, 'done' | '409'>> = {
  'triaged':           { 'record-labour': '409',  'record-extra': '409',  'void-line': '409' },
  'assigned':          { 'record-labour': '409',  'record-extra': '409',  'void-line': '409' },
  'accepted':          { 'record-labour': 'done', 'record-extra': 'done', 'void-line': 'done' },
  'in-progress':       { 'record-labour': 'done', 'record-extra': 'done', 'void-line': 'done' },
  'on-hold-requester': { 'record-labour': 'done', 'record-extra': 'done', 'void-line': 'done' },
  'completed':         { 'record-labour': 'done', 'record-extra': 'done', 'void-line': 'done' },
  'verified':          { 'record-labour': 'done', 'record-extra': 'done', 'void-line': 'done' },
  'closed':            { 'record-labour': '409',  'record-extra': '409',  'void-line': '409' },
  'cancelled':         { 'record-labour': '409',  'record-extra': '409',  'void-line': '409' },
};

describe('costs by the state of the work order', () => {
  const line = recordExtra(order, manager, { id: 'line-9', description: 'Scaffolding', amountFen: 100 }, clock);
  const perform: Record<CostAction, (costed: CostedWorkOrder) => unknown> = {
    'record-labour': (costed) => recordLabour(costed, vendor, labour(), clock),
    'record-extra': (costed) => recordExtra(costed, manager, { id: 'line-2', description: 'Scaffolding', amountFen: 100 }, clock),
    'void-line': (costed) => voidCostLine(costed, line, manager, 'entered twice', clock),
  };
  const cells = WORK_ORDER_STATUSES.flatMap((state) => (Object.keys(perform) as CostAction[]).map((action) => [state, action, COSTS_TABLE[state][action]] as const));

  it.each(cells)('%s, %s → %s', (state, action, expected) => {
    if (expected === '409') {
      expect(() => perform[action]({ ...order, status: state })).toThrow(expect.objectContaining({ constructor: IllegalTransitionError, currentState: state }));
    } else {
      expect(perform[action]({ ...order, status: state })).toEqual(expect.objectContaining({ id: expect.any(String) }));
    }
  });
});
