import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ApprovalPolicyUpdated } from '@houqin/contracts';
import { systemClock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { eventOrigin } from '@houqin/service-kit';
import { ApprovalPolicyDto, ApprovalPolicyView } from './approval-policy.dto';
import { DEFAULT_APPROVAL_POLICY, ApprovalPolicy, defineApprovalPolicy } from './domain/approval-policy';
import { ApprovalPolicyRecord } from './requisition.entity';

/** Each agency's approval chains and procurement method thresholds; the platform default until it sets its own. */
@Injectable()
export class ApprovalPolicyService {
  private readonly clock = systemClock;

  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly outbox: Outbox) {}

  async get(caller: Caller): Promise<ApprovalPolicyView> {
    const record = await this.dataSource.manager.findOne(ApprovalPolicyRecord, { where: { agencyId: caller.agencyId } });
    return record ? ApprovalPolicyView.of(caller.agencyId, toDomain(record), record) : ApprovalPolicyView.of(caller.agencyId, DEFAULT_APPROVAL_POLICY);
  }

  /** Replaces the agency's policy. Requisitions already submitted keep the chain they were given. */
  async replace(caller: Caller, input: ApprovalPolicyDto): Promise<ApprovalPolicyView> {
    const policy = defineApprovalPolicy(input);
    const updatedAt = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      // Upsert: concurrent replacements serialise on the primary key; the last one wins, each with its event.
      await manager.query(
        `INSERT INTO approval_policy (agency_id, tiers, method_thresholds, updated_by, updated_at, version)
         VALUES ($1, $2, $3, $4, $5, 1)
         ON CONFLICT (agency_id) DO UPDATE SET tiers = EXCLUDED.tiers, method_thresholds = EXCLUDED.method_thresholds,
           updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at, version = approval_policy.version + 1`,
        [caller.agencyId, JSON.stringify(policy.tiers), JSON.stringify(policy.methodThresholds), caller.userId, updatedAt],
      );
      await this.outbox.append(
        manager,
        ApprovalPolicyUpdated.create({
          subject: caller.agencyId,
          origin: eventOrigin(caller),
          data: { tiers: policy.tiers, methodThresholds: policy.methodThresholds, updatedBy: caller.userId, updatedAt: updatedAt.toISOString() },
        }),
      );
    });
    return ApprovalPolicyView.of(caller.agencyId, policy, { updatedBy: caller.userId, updatedAt });
  }

  /** The policy in force for an agency, read in the caller's transaction. */
  async policyFor(manager: EntityManager, agencyId: string): Promise<ApprovalPolicy> {
    const record = await manager.findOne(ApprovalPolicyRecord, { where: { agencyId } });
    return record ? toDomain(record) : DEFAULT_APPROVAL_POLICY;
  }
}

function toDomain(record: ApprovalPolicyRecord): ApprovalPolicy {
  return { tiers: record.tiers, methodThresholds: record.methodThresholds };
}
