import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BusinessRuleViolation, Clock, NotFoundError } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { CLOCK } from '@houqin/service-kit';
import { EvaluatedParty, ServiceType, SERVICE_TYPES, parseParty, partyKey } from './domain/evaluated-party';
import { KpiDefinition, KpiOverride, mayDefineKpis, mayRecomputeKpis, validateOverrides } from './domain/kpi-definitions';
import { Fact, FactSummary, KPI_EVENT_TYPE_LIST, KpiEvent, factKey, factUpdatesOf, foldEvent, foldFacts, sameSummary, summarize } from './domain/kpi-facts';
import { AffectedValues, affectedValues } from './domain/kpi-fold';
import { KpiDifference, changedFacts, compareSums } from './domain/kpi-recomputation';
import { KpiResult } from './domain/kpi-result';
import { sumsForPeriod } from './domain/kpi-values';
import { Period } from './domain/period';
import { KpiDefinitionsRepository } from './kpi-definitions.repository';
import { KpiFactsRepository } from './kpi-facts.repository';
import { KpiValuesRepository } from './kpi-values.repository';

export interface PartyKpis {
  party: EvaluatedParty;
  serviceType: ServiceType;
  period: Period;
  kpis: KpiResult[];
}

export interface Recomputation {
  period: Period;
  /** Events of the audit trail replayed. */
  events: number;
  facts: number;
  factsChanged: number;
  values: number;
  /** Stored values the events do not give (empty when the incremental values were exact). */
  differences: KpiDifference[];
  identical: boolean;
}

const AUDIT_BATCH = 2_000;

/** KPIs (绩效指标): folding events into facts and values, definitions, reading and recomputing values. */
@Injectable()
export class KpisService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly definitions: KpiDefinitionsRepository,
    private readonly facts: KpiFactsRepository,
    private readonly values: KpiValuesRepository,
  ) {}

  /**
   * Folds one event into the facts it touches and recomputes the values they count in, inside the
   * event's inbox transaction. A redelivery never gets here (the inbox); an out-of-order event
   * merges into the facts as if it had come in order.
   */
  async fold(manager: EntityManager, event: KpiEvent): Promise<void> {
    const updates = factUpdatesOf(event);
    if (updates.length === 0) return;
    await this.facts.lockAgency(manager, event.agencyId);
    const loaded = await this.facts.loadMany(manager, event.agencyId, updates);
    const affected = new Map<string, AffectedValues>();
    for (const change of foldEvent(event, (serviceType, instance) => loaded.get(factKey(event.agencyId, serviceType, instance)))) {
      const unchanged = sameSummary(change.before, change.after);
      await this.facts.save(manager, change.fact, change.after);
      for (const values of affectedValues(change, unchanged)) affected.set(`${values.serviceType}|${values.party}|${values.period.key}`, values);
    }
    await this.recomputeAffected(manager, event.agencyId, affected.values());
  }

  /** One statement per party and service type, for all its periods. */
  private async recomputeAffected(manager: EntityManager, agencyId: string, affected: Iterable<AffectedValues>): Promise<void> {
    const byParty = new Map<string, { serviceType: ServiceType; party: string; periods: Period[] }>();
    for (const values of affected) {
      const key = `${values.serviceType}|${values.party}`;
      const group = byParty.get(key) ?? { serviceType: values.serviceType, party: values.party, periods: [] };
      group.periods.push(values.period);
      byParty.set(key, group);
    }
    for (const group of byParty.values()) await this.values.recompute(manager, agencyId, group.serviceType, group.party, group.periods);
  }

  async effectiveDefinitions(caller: Caller, serviceType?: ServiceType): Promise<Array<KpiDefinition & { overridden: boolean }>> {
    const manager = this.dataSource.manager;
    const overridden = new Set((await this.definitions.overrides(manager, caller.agencyId, serviceType)).map((override) => override.code));
    return (await this.definitions.effective(manager, caller.agencyId, serviceType)).map((definition) => ({ ...definition, overridden: overridden.has(definition.code) }));
  }

  /** Sets the agency's names, targets and weights of one service type's KPIs (logistics manager or agency admin). */
  async setOverride(caller: Caller, serviceType: ServiceType, overrides: readonly KpiOverride[]): Promise<Array<KpiDefinition & { overridden: boolean }>> {
    if (!mayDefineKpis(caller)) throw new BusinessRuleViolation('not-operator', 'only a logistics manager or an agency admin sets the agency’s KPI definitions');
    const valid = validateOverrides(serviceType, overrides);
    await this.dataSource.transaction((manager) => this.definitions.replace(manager, caller.agencyId, serviceType, valid, caller.userId, this.clock.now()));
    return this.effectiveDefinitions(caller, serviceType);
  }

  /** Back to the platform's definitions for one service type. */
  async clearOverride(caller: Caller, serviceType: ServiceType): Promise<Array<KpiDefinition & { overridden: boolean }>> {
    if (!mayDefineKpis(caller)) throw new BusinessRuleViolation('not-operator', 'only a logistics manager or an agency admin sets the agency’s KPI definitions');
    await this.dataSource.transaction((manager) => this.definitions.clear(manager, caller.agencyId, serviceType));
    return this.effectiveDefinitions(caller, serviceType);
  }

  /**
   * The KPI values of a period, per party and service type. A vendor account sees its own vendor's
   * only: asking for another party answers as if it had none (404).
   */
  async valuesOf(caller: Caller, period: Period, filter: { serviceType?: ServiceType; party?: string }): Promise<PartyKpis[]> {
    const actingFor = vendorActedFor(caller);
    if (actingFor !== undefined && filter.party !== undefined && filter.party !== actingFor) throw new NotFoundError('party', filter.party);
    const onlyParty = actingFor ?? filter.party;
    const manager = this.dataSource.manager;
    const results: PartyKpis[] = [];
    for (const serviceType of filter.serviceType ? [filter.serviceType] : SERVICE_TYPES) {
      const parties = onlyParty !== undefined ? [parseParty(onlyParty)] : await this.values.partiesWithValues(manager, caller.agencyId, serviceType, period);
      for (const party of parties) {
        const kpis = await this.values.forParty(manager, caller.agencyId, party, serviceType, period);
        if (onlyParty !== undefined && filter.serviceType === undefined && kpis.every((kpi) => kpi.value === null)) continue;
        results.push({ party, serviceType, period, kpis });
      }
    }
    return results;
  }

  /** Recomputes the agency's KPIs of a period from scratch (the audit trail) and reports what differed (agency admin or logistics manager). */
  async recomputeFor(caller: Caller, period: Period): Promise<Recomputation> {
    if (!mayRecomputeKpis(caller)) throw new BusinessRuleViolation('not-operator', 'only an agency admin or a logistics manager recomputes KPIs');
    return this.recompute(caller.agencyId, period);
  }

  /**
   * Replays every KPI event of the agency's audit trail into fresh facts, writes the facts that
   * differ, values the period from them and compares with what the incremental path stored.
   */
  async recompute(agencyId: string, period: Period): Promise<Recomputation> {
    return this.dataSource.transaction(async (manager) => {
      await this.facts.lockAgency(manager, agencyId);
      const { facts: rebuilt, events } = await this.replayAuditTrail(manager, agencyId);
      const stored = await this.facts.all(manager, agencyId);
      const { changed, vanished } = changedFacts(stored, rebuilt);
      const affected = new Map<string, AffectedValues>();
      const rewritten: Array<{ fact: Fact; summary: FactSummary }> = [];
      for (const fact of [...changed, ...vanished]) {
        const before = summarize(fact.instance, stored.get(factKey(agencyId, fact.serviceType, fact.instance))?.fields ?? {});
        const rebuiltFact = rebuilt.get(factKey(agencyId, fact.serviceType, fact.instance));
        const after = summarize(fact.instance, rebuiltFact?.fields ?? {});
        if (rebuiltFact) rewritten.push({ fact: rebuiltFact, summary: after });
        else await this.facts.remove(manager, fact);
        for (const values of affectedValues({ fact, before, after }, sameSummary(before, after))) {
          if (values.period.key !== period.key) affected.set(`${values.serviceType}|${values.party}|${values.period.key}`, values);
        }
      }
      await this.facts.saveMany(manager, rewritten);
      const recomputed = sumsForPeriod(rebuilt.values(), period);
      const differences = compareSums(await this.values.sums(manager, agencyId, period), recomputed.values());
      await this.values.replacePeriod(manager, agencyId, period, recomputed.values());
      await this.recomputeAffected(manager, agencyId, affected.values());
      const factsChanged = changed.length + vanished.length;
      return { period, events, facts: rebuilt.size, factsChanged, values: recomputed.size, differences, identical: factsChanged === 0 && differences.length === 0 };
    });
  }

  /** The agency's KPI events, in the order of its audit trail, folded into facts in memory. */
  private async replayAuditTrail(manager: EntityManager, agencyId: string): Promise<{ facts: Map<string, Fact>; events: number }> {
    const facts = new Map<string, Fact>();
    let events = 0;
    let after = 0;
    for (;;) {
      const rows = (await manager.query(
        `SELECT sequence, event_id, event_type, occurred_at, payload FROM audit_entry
          WHERE agency_id = $1 AND sequence > $2 AND event_type = ANY($3::text[]) ORDER BY sequence LIMIT $4`,
        [agencyId, after, KPI_EVENT_TYPE_LIST, AUDIT_BATCH],
      )) as Array<{ sequence: number; event_id: string; event_type: string; occurred_at: Date; payload: unknown }>;
      if (rows.length === 0) break;
      foldFacts(
        rows.map((row) => ({ id: row.event_id, type: row.event_type, time: row.occurred_at.toISOString(), agencyId, data: row.payload })),
        facts,
      );
      events += rows.length;
      after = rows[rows.length - 1]!.sequence;
    }
    return { facts, events };
  }
}

/** The vendor a vendor account acts for (the nil id, matching no party, when it names none); undefined for everyone else. */
function vendorActedFor(caller: Caller): string | undefined {
  if (!caller.roles.includes('vendor')) return undefined;
  return caller.vendorId && /^[0-9a-f-]{36}$/i.test(caller.vendorId) ? partyKey({ kind: 'vendor', vendorId: caller.vendorId }) : '00000000-0000-0000-0000-000000000000';
}
