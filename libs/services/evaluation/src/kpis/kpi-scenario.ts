import { INTERNAL_TEAM } from './domain/evaluated-party';
import { KPI_EVENT_TYPES, KpiEvent } from './domain/kpi-facts';

/**
 * A reproducible history of the events KPIs read, valid against their contracts: work orders of
 * vendors and the internal team (reassigned, reopened, breached, costed, preventive, cancelled;
 * only work assigned under a contract runs SLA clocks, so only it breaches)
 * and purchase-order receipts (late, partly rejected, invoice mismatches). For the property tests
 * and the benchmark; the same seed gives the same events.
 */
export interface ScenarioEvent extends KpiEvent {
  /** The aggregate the event is about (the envelope's subject and partition key). */
  subject: string;
}

export interface ScenarioOptions {
  agencyId: string;
  seed: number;
  /** Vendor ids; work is spread over them (and the internal team). */
  vendors: readonly string[];
  workOrders: number;
  receipts: number;
  /** Calendar year (China Standard Time) the work starts in. */
  year: number;
  /** The span the work is reported in instead of the calendar year (start inclusive, end exclusive). */
  window?: { start: Date; end: Date };
  /** Who does work reported at that instant (default: the internal team for 15%, else any vendor). */
  partyFor?: (reportedAt: Date, random: () => number) => string;
  /** How a party works at that instant (default: the same for every party). */
  pace?: (party: string, reportedAt: Date) => ScenarioPace;
  /** Who reports the repairs and verifies them, so the survey's respondent (default 'staff-1'). */
  reportedBy?: string;
  /** Vendors the purchase-order receipts are spread over (default: vendors). */
  suppliers?: readonly string[];
  /** Days at the end of the span in which no new work is reported, so the work ends within it (default 20). */
  quietDays?: number;
}

/** Ranges a party works within: minutes to accept, minutes of work per round, fen per cost line, chance of a reopen. */
export interface ScenarioPace {
  acceptMinutes: readonly [number, number];
  workMinutes: readonly [number, number];
  costLineFen: readonly [number, number];
  reopenChance: number;
}

export const DEFAULT_PACE: ScenarioPace = { acceptMinutes: [5, 400], workMinutes: [30, 3_000], costLineFen: [1_000, 80_000], reopenChance: 0.15 };

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(random() * 4)]!;
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const MINUTE = 60_000;
const CST = 8 * 60 * MINUTE;

export function kpiScenario(options: ScenarioOptions): ScenarioEvent[] {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const yearStart = options.window ? options.window.start.getTime() : Date.UTC(options.year, 0, 1) - CST;
  const yearMs = (options.window ? options.window.end.getTime() : Date.UTC(options.year + 1, 0, 1) - CST) - yearStart;
  const reporter = options.reportedBy ?? 'staff-1';
  const events: ScenarioEvent[] = [];
  const emit = (type: string, subject: string, at: number, data: Record<string, unknown>): void => {
    events.push({ id: seededUuid(random), type, time: new Date(at).toISOString(), agencyId: options.agencyId, subject, data });
  };
  // Late work with no clock breaches nothing; the draw its breach's id took keeps the rest of a seed's history as before.
  const unclocked = (): void => void seededUuid(random);
  const iso = (at: number) => new Date(at).toISOString();
  const date = (at: number) => new Date(at + CST).toISOString().slice(0, 10);

  for (let index = 0; index < options.workOrders; index += 1) {
    const workOrderId = seededUuid(random);
    const reportedAt = yearStart + Math.floor(random() * (yearMs - (options.quietDays ?? 20) * 24 * 60 * MINUTE));
    const preventive = random() < 0.2;
    const base = (vendor: string): Record<string, unknown> => ({
      workOrderId,
      origin: preventive ? 'preventive-plan' : 'repair-request',
      ...(preventive ? { preventivePlanId: planIdFor(workOrderId) } : { repairRequestId: workOrderId }),
      priority: 'normal',
      category: 'hvac',
      location: { building: 'Main building', room: '101' },
      ...(vendor === INTERNAL_TEAM ? {} : { vendorId: vendor, contractId: workOrderId }),
    });
    const party = (): string => (options.partyFor ? options.partyFor(new Date(reportedAt), random) : random() < 0.15 ? INTERNAL_TEAM : pick(options.vendors));
    let vendor = party();
    // Maintenance runs SLA clocks only for a vendor under contract, from the first such assignment on.
    let clockVendor: string | undefined;
    const pace = (): ScenarioPace => options.pace?.(vendor, new Date(reportedAt)) ?? DEFAULT_PACE;
    let at = reportedAt + between(1, 30) * MINUTE;
    if (preventive) {
      emit(KPI_EVENT_TYPES.occurrenceRaised, planIdFor(workOrderId), reportedAt, {
        preventivePlanId: planIdFor(workOrderId),
        occurrenceKey: date(reportedAt + 3 * 24 * 60 * MINUTE),
        dueOn: date(reportedAt + between(0, 6) * 24 * 60 * MINUTE),
        workOrderId,
        workOrderStatus: 'assigned',
        assignee: vendor === INTERNAL_TEAM ? { kind: 'internal' } : { kind: 'vendor', vendorId: vendor },
        supersededCount: 0,
        raisedAt: iso(reportedAt),
      });
    }
    const assigned = () => {
      clockVendor ??= vendor === INTERNAL_TEAM ? undefined : vendor;
      emit(KPI_EVENT_TYPES.workOrderAssigned, workOrderId, at, {
        ...base(vendor),
        assignee: vendor === INTERNAL_TEAM ? 'internal' : 'vendor',
        automatic: false,
        assignedBy: 'manager-1',
        assignedAt: iso(at),
        reportedAt: iso(reportedAt),
      });
    };
    assigned();
    if (random() < 0.1) {
      vendor = party();
      at += between(1, 60) * MINUTE;
      assigned();
    }
    at += between(...pace().acceptMinutes) * MINUTE;
    const acceptedAt = at;
    const responseMinutes = Math.floor((acceptedAt - reportedAt) / MINUTE);
    emit(KPI_EVENT_TYPES.workOrderAccepted, workOrderId, at, { ...base(vendor), acceptedBy: 'worker', acceptedAt: iso(at), reportedAt: iso(reportedAt), responseMinutes });
    if (responseMinutes > 240) {
      if (clockVendor) emit(KPI_EVENT_TYPES.slaBreached, workOrderId, reportedAt + 240 * MINUTE, breach(workOrderId, options.agencyId, clockVendor, 'response', 240, reportedAt));
      else unclocked();
    }
    if (random() < 0.05) {
      at += between(1, 60) * MINUTE;
      emit(KPI_EVENT_TYPES.workOrderCancelled, workOrderId, at, { ...base(vendor), previousStatus: 'accepted', reason: 'duplicate report', cancelledBy: 'manager-1', cancelledAt: iso(at) });
      continue;
    }
    at += between(1, 60) * MINUTE;
    emit(KPI_EVENT_TYPES.workOrderStarted, workOrderId, at, { ...base(vendor), startedBy: 'worker', startedAt: iso(at) });
    const totals = { labourFen: 0, partsFen: 0, extraFen: 0, totalFen: 0 };
    const cost = (): void => {
      at += between(1, 30) * MINUTE;
      const amountFen = between(...pace().costLineFen);
      totals.labourFen += amountFen;
      totals.totalFen += amountFen;
      emit(KPI_EVENT_TYPES.costRecorded, workOrderId, at, {
        workOrderId,
        ...(vendor === INTERNAL_TEAM ? {} : { vendorId: vendor, contractId: workOrderId }),
        line: { lineId: seededUuid(random), kind: 'labour', description: 'labour', amountFen, recordedBy: 'worker', incurredAt: iso(at), recordedAt: iso(at) },
        totals: { ...totals },
      });
    };
    let reopenCount = 0;
    let completedAt = at;
    const performance = () => ({
      reportedBy: reporter,
      reportedAt: iso(reportedAt),
      acceptedAt: iso(acceptedAt),
      completedAt: iso(completedAt),
      responseMinutes,
      resolutionMinutes: Math.floor((completedAt - reportedAt) / MINUTE),
      onHoldMinutes: 0,
      reopenCount,
      firstTimeFix: reopenCount === 0,
    });
    const rounds = random() < pace().reopenChance ? between(2, 3) : 1;
    for (let round = 1; round <= rounds; round += 1) {
      const costs = between(0, 2);
      for (let line = 0; line < costs; line += 1) cost();
      at += between(...pace().workMinutes) * MINUTE;
      completedAt = at;
      emit(KPI_EVENT_TYPES.workOrderCompleted, workOrderId, at, { ...base(vendor), ...performance(), completedBy: 'worker' });
      if (round < rounds) {
        at += between(10, 600) * MINUTE;
        reopenCount += 1;
        emit(KPI_EVENT_TYPES.workOrderReopened, workOrderId, at, { ...base(vendor), reopenedBy: reporter, reopenedAt: iso(at), reason: 'still leaking', reopenCount });
      }
    }
    if (completedAt - reportedAt > 2_880 * MINUTE) {
      if (clockVendor) emit(KPI_EVENT_TYPES.slaBreached, workOrderId, reportedAt + 2_880 * MINUTE, breach(workOrderId, options.agencyId, clockVendor, 'resolution', 2_880, reportedAt));
      else unclocked();
    }
    if (random() < 0.05) continue; // never verified (yet): counts nowhere
    at += between(10, 2_000) * MINUTE;
    emit(KPI_EVENT_TYPES.workOrderVerified, workOrderId, at, { ...base(vendor), ...performance(), cost: { ...totals }, verifiedBy: reporter, verifiedAt: iso(at) });
    if (random() < 0.3) cost();
    if (random() < 0.7) {
      at += between(10, 600) * MINUTE;
      emit(KPI_EVENT_TYPES.workOrderClosed, workOrderId, at, { ...base(vendor), reopenCount, firstTimeFix: reopenCount === 0, cost: { ...totals }, closedBy: 'manager-1', closedAt: iso(at) });
    }
  }

  for (let index = 0; index < options.receipts; index += 1) {
    const purchaseOrderId = seededUuid(random);
    const vendorId = pick(options.suppliers ?? options.vendors);
    const receipts = random() < 0.25 ? 2 : 1;
    let at = yearStart + Math.floor(random() * (yearMs - 10 * 24 * 60 * MINUTE));
    const total = between(10_000, 5_000_000);
    const fiscalYear = options.window ? new Date(at + CST).getUTCFullYear() : options.year;
    const common = { purchaseOrderId, vendorId, budgetId: purchaseOrderId, fiscalYear, category: 'office-supplies', total };
    let spent = 0;
    for (let receipt = 1; receipt <= receipts; receipt += 1) {
      at += between(60, 7 * 24 * 60) * MINUTE;
      const accepted = between(1, 50);
      const rejected = random() < 0.2 ? between(1, 5) : 0;
      const onTime = random() < 0.85;
      const acceptedValue = Math.floor(total / receipts);
      spent += acceptedValue;
      emit(KPI_EVENT_TYPES.purchaseOrderReceived, purchaseOrderId, at, {
        ...common,
        receiptId: seededUuid(random),
        status: receipt === receipts ? 'received' : 'partially-received',
        receivedDate: date(at),
        onTime,
        lines: [{ line: 1, accepted, rejected, acceptedValue, onTime }],
        acceptedValue,
        spent,
        receivedBy: 'storekeeper',
        recordedAt: iso(at),
      });
    }
    if (random() < 0.1) {
      at += between(60, 3 * 24 * 60) * MINUTE;
      emit(KPI_EVENT_TYPES.invoiceMismatch, purchaseOrderId, at, {
        ...common,
        invoiceId: seededUuid(random),
        invoiceNumber: `INV-${index}`,
        amount: spent + 100,
        ordered: total,
        received: spent,
        invoiced: spent + 100,
        differences: { invoicedLessReceived: 100, invoicedLessOrdered: spent + 100 - total },
        reasons: ['invoiced-more-than-received'],
        recordedBy: 'clerk',
        recordedAt: iso(at),
      });
    }
  }
  return events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}

function planIdFor(workOrderId: string): string {
  return `${workOrderId.slice(0, 24)}${workOrderId.slice(24).split('').reverse().join('')}`;
}

function breach(workOrderId: string, agencyId: string, vendor: string, kind: 'response' | 'resolution', targetMinutes: number, reportedAt: number): Record<string, unknown> {
  const deadline = new Date(reportedAt + targetMinutes * MINUTE).toISOString();
  return {
    workOrderId,
    agencyId,
    vendorId: vendor,
    contractId: workOrderId,
    kind,
    priority: 'normal',
    targetMinutes,
    deadline,
    escalateTo: 'logistics-manager',
    breachedAt: deadline,
  };
}
