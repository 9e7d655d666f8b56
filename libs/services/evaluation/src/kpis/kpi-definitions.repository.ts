import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ServiceType } from './domain/evaluated-party';
import { KpiDefinition, KpiOverride, effectiveDefinitions, platformKpi } from './domain/kpi-definitions';
import { KpiDefinitionOverrideRecord } from './kpi.entities';

/** An agency's KPI definitions: the platform's defaults with the agency's overrides (kpi_definition_override). */
@Injectable()
export class KpiDefinitionsRepository {
  async overrides(manager: EntityManager, agencyId: string, serviceType?: ServiceType): Promise<KpiOverride[]> {
    const records = await manager.find(KpiDefinitionOverrideRecord, { where: { agencyId, ...(serviceType ? { serviceType } : {}) } });
    return records.filter((record) => platformKpi(record.kpiCode) !== undefined).map(toOverride);
  }

  async effective(manager: EntityManager, agencyId: string, serviceType?: ServiceType): Promise<KpiDefinition[]> {
    return effectiveDefinitions(await this.overrides(manager, agencyId, serviceType), serviceType);
  }

  /** Replaces the agency's override of one service type (validated by the domain beforehand). */
  async replace(manager: EntityManager, agencyId: string, serviceType: ServiceType, overrides: readonly KpiOverride[], by: string, at: Date): Promise<void> {
    await this.clear(manager, agencyId, serviceType);
    if (overrides.length === 0) return;
    await manager.insert(
      KpiDefinitionOverrideRecord,
      overrides.map((override) => ({
        agencyId,
        kpiCode: override.code,
        serviceType,
        name: override.name ?? null,
        target: String(override.target),
        weight: override.weight,
        updatedBy: by,
        updatedAt: at,
      })),
    );
  }

  async clear(manager: EntityManager, agencyId: string, serviceType: ServiceType): Promise<void> {
    await manager.delete(KpiDefinitionOverrideRecord, { agencyId, serviceType });
  }
}

function toOverride(record: KpiDefinitionOverrideRecord): KpiOverride {
  return { code: record.kpiCode, ...(record.name !== null ? { name: record.name } : {}), target: Number(record.target), weight: record.weight };
}
