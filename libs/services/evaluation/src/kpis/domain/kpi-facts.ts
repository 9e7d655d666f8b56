import { BUSINESS_UTC_OFFSET_MINUTES } from '@houqin/domain';
import { INTERNAL_TEAM, ServiceType } from './evaluated-party';

/**
 * KPI facts (绩效事实): one row per service instance (a work order, a receipt, a purchase order)
 * holding what the events said about it. Every field merges in a way that does not depend on the
 * order or the number of deliveries: `latest` keeps the value of the event with the latest
 * (occurredAt, event id); `max`, `or`, `and` are monotone. Facts then give each KPI a numerator
 * and a denominator, summed per party and period.
 */
export type FieldValue = string | number | boolean | null;
export type Merge = 'latest' | 'max' | 'or' | 'and';

export interface FactField {
  v: FieldValue;
  /** For `latest`: the deciding event's occurredAt (ISO) and id. */
  at?: string;
  id?: string;
}

export type FactFields = Record<string, FactField>;

/** A business event as KPIs read it: the envelope's id, type, time and agency, and its data. */
export interface KpiEvent {
  id: string;
  type: string;
  /** occurredAt, ISO 8601. */
  time: string;
  agencyId: string;
  data: unknown;
}

export interface FactUpdate {
  serviceType: ServiceType;
  /** 'work-order:<id>', 'receipt:<id>', 'purchase-order:<id>'. */
  instance: string;
  field: string;
  value: FieldValue;
  merge: Merge;
}

/** One KPI's share of a fact: num / den, n instances. */
export interface Measure {
  num: number;
  den: number;
  n: number;
}

export type Measures = Record<string, Measure>;

export interface FactSummary {
  /** partyKey of the vendor or the internal team; null while unknown. */
  party: string | null;
  /** The instant that places the fact in a period (verification, receipt); null while not counted. */
  anchorAt: string | null;
  measures: Measures;
}

export const KPI_EVENT_TYPES = {
  workOrderAssigned: 'houqin.maintenance.work-order.assigned.v1',
  workOrderAccepted: 'houqin.maintenance.work-order.accepted.v1',
  workOrderStarted: 'houqin.maintenance.work-order.started.v1',
  workOrderCompleted: 'houqin.maintenance.work-order.completed.v1',
  workOrderVerified: 'houqin.maintenance.work-order.verified.v1',
  workOrderReopened: 'houqin.maintenance.work-order.reopened.v1',
  workOrderClosed: 'houqin.maintenance.work-order.closed.v1',
  workOrderCancelled: 'houqin.maintenance.work-order.cancelled.v1',
  slaBreached: 'houqin.maintenance.sla.breached.v1',
  costRecorded: 'houqin.maintenance.work-order-cost.recorded.v1',
  costVoided: 'houqin.maintenance.work-order-cost.voided.v1',
  occurrenceRaised: 'houqin.maintenance.preventive-plan.occurrence-raised.v1',
  purchaseOrderReceived: 'houqin.procurement.purchase-order.received.v1',
  invoiceMismatch: 'houqin.procurement.purchase-order.invoice-mismatch.v1',
  mealServed: 'houqin.catering.meal.served.v1',
  mealRated: 'houqin.catering.meal.rated.v1',
  inspectionPassed: 'houqin.catering.inspection.passed.v1',
  inspectionFailed: 'houqin.catering.inspection.failed.v1',
  foodWasteRecorded: 'houqin.catering.food-waste.recorded.v1',
  complaintUpheld: 'houqin.evaluation.complaint.upheld.v1',
  complaintOverturned: 'houqin.evaluation.complaint.overturned.v1',
  tripCompleted: 'houqin.transport.trip.completed.v1',
  tripRated: 'houqin.transport.trip.rated.v1',
} as const;

/** Every event type KPIs read. */
export const KPI_EVENT_TYPE_LIST: readonly string[] = Object.values(KPI_EVENT_TYPES);

type Data = Record<string, unknown>;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The party doing a work order from an event that knows the assignee (vendorId absent: the internal team). */
function workOrderParty(data: Data, type: string): string | undefined {
  if (type === KPI_EVENT_TYPES.workOrderAssigned) return data['assignee'] === 'vendor' ? str(data['vendorId'])?.toLowerCase() : INTERNAL_TEAM;
  return str(data['vendorId'])?.toLowerCase() ?? INTERNAL_TEAM;
}

/** Work-order events that name the contract the work runs under (absent for the internal team). */
const CONTRACT_NAMING: readonly string[] = [
  KPI_EVENT_TYPES.workOrderAssigned,
  KPI_EVENT_TYPES.workOrderAccepted,
  KPI_EVENT_TYPES.workOrderStarted,
  KPI_EVENT_TYPES.workOrderCompleted,
  KPI_EVENT_TYPES.workOrderVerified,
  KPI_EVENT_TYPES.workOrderReopened,
  KPI_EVENT_TYPES.workOrderClosed,
];

/** What one event says about the facts it touches. Events of other types say nothing. */
export function factUpdatesOf(event: KpiEvent): FactUpdate[] {
  const updates = updatesOf(event);
  // Maintenance starts SLA clocks (服务时限) only when it assigns a vendor under a contract, and keeps
  // them through any reassignment: work that ever named a contract, or breached, ran a clock.
  const data = (event.data ?? {}) as Data;
  const clocked = (CONTRACT_NAMING.includes(event.type) && str(data['contractId']) !== undefined) || event.type === KPI_EVENT_TYPES.slaBreached;
  if (!clocked) return updates;
  return [...updates, { serviceType: 'maintenance', instance: `work-order:${String(data['workOrderId'])}`, field: 'slaClock', value: true, merge: 'or' }];
}

function updatesOf(event: KpiEvent): FactUpdate[] {
  const data = (event.data ?? {}) as Data;
  const T = KPI_EVENT_TYPES;
  const wo = (field: string, value: FieldValue, merge: Merge): FactUpdate => ({
    serviceType: 'maintenance',
    instance: `work-order:${String(data['workOrderId'])}`,
    field,
    value,
    merge,
  });
  const costOf = (cost: unknown): number | undefined => {
    const total = (cost as Data | undefined)?.['totalFen'];
    return typeof total === 'number' ? total : undefined;
  };
  switch (event.type) {
    case T.workOrderAssigned:
    case T.workOrderAccepted:
    case T.workOrderStarted:
      return [wo('party', workOrderParty(data, event.type) ?? null, 'latest')];
    case T.workOrderCompleted:
      return [
        wo('party', workOrderParty(data, event.type) ?? null, 'latest'),
        wo('completedAt', str(data['completedAt']) ?? null, 'latest'),
        wo('reopenCount', Number(data['reopenCount'] ?? 0), 'max'),
        wo('firstTimeFix', data['firstTimeFix'] === true, 'and'),
      ];
    case T.workOrderVerified: {
      const updates = [
        wo('party', workOrderParty(data, event.type) ?? null, 'latest'),
        wo('verifiedAt', str(data['verifiedAt']) ?? null, 'latest'),
        wo('completedAt', str(data['completedAt']) ?? null, 'latest'),
        wo('reopenCount', Number(data['reopenCount'] ?? 0), 'max'),
        wo('firstTimeFix', data['firstTimeFix'] === true, 'and'),
      ];
      const cost = costOf(data['cost']);
      return cost === undefined ? updates : [...updates, wo('costFen', cost, 'latest')];
    }
    case T.workOrderReopened:
      return [
        wo('party', workOrderParty(data, event.type) ?? null, 'latest'),
        wo('reopenCount', Number(data['reopenCount'] ?? 1), 'max'),
        wo('firstTimeFix', false, 'and'),
      ];
    case T.workOrderClosed: {
      const updates = [
        wo('party', workOrderParty(data, event.type) ?? null, 'latest'),
        wo('reopenCount', Number(data['reopenCount'] ?? 0), 'max'),
        wo('firstTimeFix', data['firstTimeFix'] === true, 'and'),
      ];
      const cost = costOf(data['cost']);
      return cost === undefined ? updates : [...updates, wo('costFen', cost, 'latest')];
    }
    case T.workOrderCancelled:
      return [wo('cancelled', true, 'or')];
    case T.slaBreached: {
      const kind = data['kind'] === 'response' ? 'responseBreached' : data['kind'] === 'resolution' ? 'resolutionBreached' : undefined;
      return kind ? [wo(kind, true, 'or')] : [];
    }
    case T.costRecorded:
    case T.costVoided: {
      const cost = costOf(data['totals']);
      return cost === undefined ? [] : [wo('costFen', cost, 'latest')];
    }
    case T.occurrenceRaised:
      return [wo('dueOn', str(data['dueOn']) ?? null, 'latest')];
    case T.purchaseOrderReceived: {
      const lines = Array.isArray(data['lines']) ? (data['lines'] as Data[]) : [];
      const receipt = (field: string, value: FieldValue): FactUpdate => ({
        serviceType: 'procurement',
        instance: `receipt:${String(data['receiptId'])}`,
        field,
        value,
        merge: 'latest',
      });
      const vendor = str(data['vendorId'])?.toLowerCase() ?? null;
      const updates: FactUpdate[] = [
        receipt('party', vendor),
        receipt('recordedAt', str(data['recordedAt']) ?? null),
        receipt('onTime', data['onTime'] === true),
        receipt('accepted', lines.reduce((sum, line) => sum + Number(line['accepted'] ?? 0), 0)),
        receipt('rejected', lines.reduce((sum, line) => sum + Number(line['rejected'] ?? 0), 0)),
        { serviceType: 'procurement', instance: `purchase-order:${String(data['purchaseOrderId'])}`, field: 'party', value: vendor, merge: 'latest' },
      ];
      if (data['status'] === 'received') {
        updates.push({
          serviceType: 'procurement',
          instance: `purchase-order:${String(data['purchaseOrderId'])}`,
          field: 'receivedAt',
          value: str(data['recordedAt']) ?? null,
          merge: 'latest',
        });
      }
      return updates;
    }
    case T.mealServed:
    case T.mealRated: {
      const meal = (field: string, value: FieldValue, merge: Merge = 'latest'): FactUpdate => ({ serviceType: 'catering', instance: `meal:${String(data['mealId'])}`, field, value, merge });
      const party = meal('party', str(data['vendorId'])?.toLowerCase() ?? INTERNAL_TEAM);
      if (event.type === T.mealRated) return [party, meal('rating', Number(data['score']))];
      return [party, meal('servedAt', str(data['servedAt']) ?? null), meal('covers', Number(data['covers'] ?? 1))];
    }
    case T.tripCompleted:
    case T.tripRated: {
      const trip = (field: string, value: FieldValue): FactUpdate => ({ serviceType: 'transport', instance: `trip:${String(data['tripId'])}`, field, value, merge: 'latest' });
      // A rental trip is the vendor's; one of the agency's own fleet the internal team's.
      const party = trip('party', data['kind'] === 'rental' ? (str(data['vendorId'])?.toLowerCase() ?? null) : INTERNAL_TEAM);
      if (event.type === T.tripRated) return [party, trip('rating', Number(data['score']))];
      const minutes = (from: unknown, to: unknown): number => Math.max(0, Math.round((Date.parse(String(to)) - Date.parse(String(from))) / 60_000));
      return [
        party,
        trip('endedAt', str(data['endedAt']) ?? null),
        trip('onTime', data['onTime'] === true),
        trip('costFen', Number(data['costFen'] ?? 0)),
        trip('distanceKm', Number(data['distanceKm'] ?? 0)),
        trip('usedMinutes', minutes(data['startedAt'], data['endedAt'])),
        trip('bookedMinutes', minutes(data['requestedStartAt'], data['requestedEndAt'])),
      ];
    }
    case T.inspectionPassed:
    case T.inspectionFailed: {
      const inspection = (field: string, value: FieldValue): FactUpdate => ({ serviceType: 'catering', instance: `inspection:${String(data['inspectionId'])}`, field, value, merge: 'latest' });
      return [
        inspection('party', str(data['vendorId'])?.toLowerCase() ?? INTERNAL_TEAM),
        inspection('inspectedAt', str(data['inspectedAt']) ?? null),
        inspection('passed', event.type === T.inspectionPassed),
      ];
    }
    case T.foodWasteRecorded: {
      const waste = (field: string, value: FieldValue): FactUpdate => ({
        serviceType: 'catering',
        instance: `food-waste:${String(data['canteenId'])}:${String(data['serviceDate'])}:${String(data['period'])}`,
        field,
        value,
        merge: 'latest',
      });
      return [
        waste('party', str(data['vendorId'])?.toLowerCase() ?? INTERNAL_TEAM),
        waste('recordedAt', str(data['recordedAt']) ?? null),
        waste('wasteGrams', Number(data['wasteGrams'] ?? 0)),
        waste('mealsServed', Number(data['mealsServed'] ?? 0)),
      ];
    }
    case T.complaintUpheld: {
      if (data['serviceType'] !== 'catering') return [];
      const complaint = (field: string, value: FieldValue): FactUpdate => ({ serviceType: 'catering', instance: `complaint:${String(data['complaintId'])}`, field, value, merge: 'latest' });
      return [complaint('party', str(data['party'])?.toLowerCase() ?? null), complaint('upheldAt', str(data['decidedAt']) ?? null)];
    }
    case T.complaintOverturned: {
      // Overturned on appeal: it stops counting, whichever of the two events arrives first. An
      // overturn from before events named the service may be of a catering complaint too.
      if (data['serviceType'] !== undefined && data['serviceType'] !== 'catering') return [];
      return [{ serviceType: 'catering', instance: `complaint:${String(data['complaintId'])}`, field: 'overturned', value: true, merge: 'or' }];
    }
    case T.invoiceMismatch:
      return [
        { serviceType: 'procurement', instance: `purchase-order:${String(data['purchaseOrderId'])}`, field: 'party', value: str(data['vendorId'])?.toLowerCase() ?? null, merge: 'latest' },
        { serviceType: 'procurement', instance: `purchase-order:${String(data['purchaseOrderId'])}`, field: 'invoiceMismatch', value: true, merge: 'or' },
      ];
    default:
      return [];
  }
}

/** (at, id) ordering of `latest`; ISO instants of the same form compare as strings. */
function later(a: { at: string; id: string }, b: { at?: string; id?: string }): boolean {
  if (b.at === undefined) return true;
  if (a.at !== b.at) return a.at > b.at;
  return a.id > (b.id ?? '');
}

/** One field after an update: commutative, associative and idempotent for every merge. */
export function mergeField(current: FactField | undefined, update: FactUpdate, stamp: { at: string; id: string }): FactField {
  switch (update.merge) {
    case 'latest':
      return current === undefined || later(stamp, current) ? { v: update.value, at: stamp.at, id: stamp.id } : current;
    case 'max':
      return current === undefined || Number(update.value) > Number(current.v) ? { v: update.value } : current;
    case 'or':
      return { v: current?.v === true || update.value === true };
    case 'and':
      return { v: (current === undefined || current.v === true) && update.value === true };
  }
}

/** The stamp `latest` fields compare: occurredAt normalised to ISO with milliseconds, and the event id. */
export function stampOf(event: KpiEvent): { at: string; id: string } {
  return { at: new Date(event.time).toISOString(), id: event.id };
}

export function applyUpdates(fields: FactFields, updates: readonly FactUpdate[], stamp: { at: string; id: string }): FactFields {
  const next: FactFields = { ...fields };
  for (const update of updates) next[update.field] = mergeField(next[update.field], update, stamp);
  return next;
}

const share = (ok: boolean): Measure => ({ num: ok ? 1 : 0, den: 1, n: 1 });

/** CST calendar date of an instant. */
function businessDate(iso: string): string {
  return new Date(new Date(iso).getTime() + BUSINESS_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

/** What a fact contributes to each KPI, where it counts (anchor) and for whom (party). */
export function summarize(instance: string, fields: FactFields): FactSummary {
  const v = (field: string): FieldValue | undefined => fields[field]?.v;
  const party = typeof v('party') === 'string' ? (v('party') as string) : null;
  const none: FactSummary = { party, anchorAt: null, measures: {} };
  if (instance.startsWith('work-order:')) {
    const verifiedAt = v('verifiedAt');
    if (typeof verifiedAt !== 'string' || v('cancelled') === true) return none;
    const reopenCount = Number(v('reopenCount') ?? 0);
    const measures: Measures = {
      'maintenance.first-time-fix': share(v('firstTimeFix') !== false && reopenCount === 0),
      'maintenance.reopen-rate': share(reopenCount > 0),
    };
    // SLA compliance is of work that ran a clock: the internal team's runs none, so counts in neither.
    if (v('slaClock') === true) {
      measures['maintenance.response-within-sla'] = share(v('responseBreached') !== true);
      measures['maintenance.resolution-within-sla'] = share(v('resolutionBreached') !== true);
    }
    const cost = v('costFen');
    if (typeof cost === 'number') measures['maintenance.cost-per-work-order'] = { num: cost, den: 1, n: 1 };
    const dueOn = v('dueOn');
    const completedAt = v('completedAt');
    if (typeof dueOn === 'string' && typeof completedAt === 'string') measures['maintenance.preventive-on-time'] = share(businessDate(completedAt) <= dueOn);
    return { party, anchorAt: new Date(verifiedAt).toISOString(), measures };
  }
  if (instance.startsWith('receipt:')) {
    const recordedAt = v('recordedAt');
    if (typeof recordedAt !== 'string') return none;
    const accepted = Number(v('accepted') ?? 0);
    const rejected = Number(v('rejected') ?? 0);
    const measures: Measures = { 'procurement.on-time-delivery': share(v('onTime') === true) };
    if (accepted + rejected > 0) measures['procurement.receipt-acceptance'] = { num: accepted, den: accepted + rejected, n: 1 };
    return { party, anchorAt: new Date(recordedAt).toISOString(), measures };
  }
  if (instance.startsWith('meal:')) {
    const servedAt = v('servedAt');
    if (typeof servedAt !== 'string') return none;
    const measures: Measures = { 'catering.complaint-rate': { num: 0, den: Number(v('covers') ?? 1), n: 1 } };
    const rating = v('rating');
    if (typeof rating === 'number') measures['catering.meal-rating'] = { num: rating, den: 1, n: 1 };
    return { party, anchorAt: new Date(servedAt).toISOString(), measures };
  }
  if (instance.startsWith('trip:')) {
    const endedAt = v('endedAt');
    if (typeof endedAt !== 'string') return none;
    const measures: Measures = { 'transport.punctuality': share(v('onTime') === true) };
    const distanceKm = Number(v('distanceKm') ?? 0);
    if (distanceKm > 0) measures['transport.cost-per-km'] = { num: Number(v('costFen') ?? 0), den: distanceKm, n: 1 };
    const bookedMinutes = Number(v('bookedMinutes') ?? 0);
    if (bookedMinutes > 0) measures['transport.utilisation'] = { num: Math.min(Number(v('usedMinutes') ?? 0), bookedMinutes), den: bookedMinutes, n: 1 };
    const rating = v('rating');
    if (typeof rating === 'number') measures['transport.trip-rating'] = { num: rating, den: 1, n: 1 };
    return { party, anchorAt: new Date(endedAt).toISOString(), measures };
  }
  if (instance.startsWith('inspection:')) {
    const inspectedAt = v('inspectedAt');
    if (typeof inspectedAt !== 'string') return none;
    return { party, anchorAt: new Date(inspectedAt).toISOString(), measures: { 'catering.inspection-pass': share(v('passed') === true) } };
  }
  if (instance.startsWith('food-waste:')) {
    const recordedAt = v('recordedAt');
    const meals = Number(v('mealsServed') ?? 0);
    if (typeof recordedAt !== 'string' || meals <= 0) return none;
    return { party, anchorAt: new Date(recordedAt).toISOString(), measures: { 'catering.waste-per-meal': { num: Number(v('wasteGrams') ?? 0), den: meals, n: 1 } } };
  }
  if (instance.startsWith('complaint:')) {
    const upheldAt = v('upheldAt');
    if (typeof upheldAt !== 'string' || v('overturned') === true) return none;
    // Counted over the meals served in the period: the complaint adds to the numerator only.
    return { party, anchorAt: new Date(upheldAt).toISOString(), measures: { 'catering.complaint-rate': { num: 1, den: 0, n: 1 } } };
  }
  if (instance.startsWith('purchase-order:')) {
    const receivedAt = v('receivedAt');
    if (typeof receivedAt !== 'string') return none;
    return { party, anchorAt: new Date(receivedAt).toISOString(), measures: { 'procurement.invoice-match': share(v('invoiceMismatch') !== true) } };
  }
  return none;
}

/** Whether two summaries count the same (then no value changes). */
export function sameSummary(a: FactSummary, b: FactSummary): boolean {
  return a.party === b.party && a.anchorAt === b.anchorAt && JSON.stringify(sortedMeasures(a.measures)) === JSON.stringify(sortedMeasures(b.measures));
}

function sortedMeasures(measures: Measures): Array<[string, Measure]> {
  return Object.entries(measures)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, m]) => [code, { num: m.num, den: m.den, n: m.n }]);
}

export interface Fact {
  agencyId: string;
  serviceType: ServiceType;
  instance: string;
  fields: FactFields;
}

/** Folds events into facts, in memory: the from-scratch path (and the property the incremental path must equal). */
export function foldFacts(events: Iterable<KpiEvent>, into: Map<string, Fact> = new Map()): Map<string, Fact> {
  for (const event of events) {
    const updates = factUpdatesOf(event);
    if (updates.length === 0) continue;
    const stamp = stampOf(event);
    for (const [instance, group] of groupByInstance(updates)) {
      const key = factKey(event.agencyId, group[0]!.serviceType, instance);
      const current = into.get(key) ?? { agencyId: event.agencyId, serviceType: group[0]!.serviceType, instance, fields: {} };
      into.set(key, { ...current, fields: applyUpdates(current.fields, group, stamp) });
    }
  }
  return into;
}

export function groupByInstance(updates: readonly FactUpdate[]): Map<string, FactUpdate[]> {
  const groups = new Map<string, FactUpdate[]>();
  for (const update of updates) groups.set(update.instance, [...(groups.get(update.instance) ?? []), update]);
  return groups;
}

export function factKey(agencyId: string, serviceType: ServiceType, instance: string): string {
  return `${agencyId}|${serviceType}|${instance}`;
}

/** How one event changed one fact: the fact after it, and what it counted before and after. */
export interface FactChange {
  fact: Fact;
  before: FactSummary;
  after: FactSummary;
}

/** Applies an event to the facts it touches (`load` gives the current fact, or undefined). */
export function foldEvent(event: KpiEvent, load: (serviceType: ServiceType, instance: string) => Fact | undefined): FactChange[] {
  const updates = factUpdatesOf(event);
  const stamp = stampOf(event);
  return [...groupByInstance(updates)].map(([instance, group]) => {
    const serviceType = group[0]!.serviceType;
    const current = load(serviceType, instance) ?? { agencyId: event.agencyId, serviceType, instance, fields: {} };
    const fact = { ...current, fields: applyUpdates(current.fields, group, stamp) };
    return { fact, before: summarize(instance, current.fields), after: summarize(instance, fact.fields) };
  });
}
