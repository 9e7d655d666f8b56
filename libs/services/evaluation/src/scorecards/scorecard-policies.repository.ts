import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ServiceType } from '../kpis/domain/evaluated-party';
import { ScorecardPolicy, defaultPolicy } from './domain/scorecard-policy';
import { ScorecardPolicyRecord } from './scorecard.entity';

/** An agency's weights and thresholds per service type; the defaults where it set none. */
@Injectable()
export class ScorecardPoliciesRepository {
  async policyFor(manager: EntityManager, agencyId: string, serviceType: ServiceType): Promise<ScorecardPolicy> {
    const record = await manager.findOne(ScorecardPolicyRecord, { where: { agencyId, serviceType } });
    if (!record) return defaultPolicy(serviceType);
    return { serviceType, weights: record.weights, thresholds: record.thresholds, source: 'agency' };
  }

  async save(manager: EntityManager, agencyId: string, policy: ScorecardPolicy, by: string, at: Date): Promise<void> {
    await manager.upsert(ScorecardPolicyRecord, { agencyId, serviceType: policy.serviceType, weights: policy.weights, thresholds: policy.thresholds, updatedBy: by, updatedAt: at }, ['agencyId', 'serviceType']);
  }
}
