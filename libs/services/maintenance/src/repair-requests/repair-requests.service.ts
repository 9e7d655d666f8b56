import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { RepairRequestCancelled, RepairRequestReported } from '@houqin/contracts';
import { systemClock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { findInAgency } from '@houqin/persistence';
import { Caller } from '@houqin/observability';
import { eventOrigin } from '@houqin/service-kit';
import { RepairRequest, cancelRepairRequest, reportRepair } from './domain/repair-request';
import { CancelRepairRequestDto, ReportRepairDto } from './repair-request.dto';
import { RepairRequestRecord } from './repair-request.entity';

/** Use cases: load, apply the domain rule, save the change and its event in one transaction. */
@Injectable()
export class RepairRequestsService {
  private readonly clock = systemClock;

  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly outbox: Outbox) {}

  async report(caller: Caller, input: ReportRepairDto): Promise<RepairRequest> {
    const request = reportRepair(
      {
        id: randomUUID(),
        agencyId: caller.agencyId,
        reportedBy: caller.userId,
        location: input.location,
        description: input.description,
        ...(input.priority ? { priority: input.priority } : {}),
        ...(input.assetCode ? { assetCode: input.assetCode } : {}),
        ...(input.departmentId ? { departmentId: input.departmentId } : {}),
        ...(input.attachments ? { attachments: input.attachments } : {}),
      },
      this.clock,
    );
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(RepairRequestRecord, toRecord(request, 1));
      await this.outbox.append(
        manager,
        RepairRequestReported.create({
          subject: request.id,
          origin: eventOrigin(caller),
          data: {
            repairRequestId: request.id,
            reportedBy: request.reportedBy,
            ...(request.departmentId ? { departmentId: request.departmentId } : {}),
            ...(request.assetCode ? { assetCode: request.assetCode } : {}),
            location: request.location,
            description: request.description,
            priority: request.priority,
            ...(request.attachments.length > 0 ? { attachments: request.attachments } : {}),
            reportedAt: request.reportedAt.toISOString(),
          },
        }),
      );
    });
    return request;
  }

  async cancel(caller: Caller, id: string, input: CancelRepairRequestDto): Promise<RepairRequest> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.load(manager, caller, id, true);
      const cancelled = cancelRepairRequest(current.request, caller, input.reason, this.clock);
      await manager.update(RepairRequestRecord, { id, version: current.version }, toRecord(cancelled, current.version + 1));
      await this.outbox.append(
        manager,
        RepairRequestCancelled.create({
          subject: id,
          origin: eventOrigin(caller),
          data: { repairRequestId: id, cancelledBy: caller.userId, reason: cancelled.cancellationReason ?? input.reason, cancelledAt: (cancelled.cancelledAt ?? new Date()).toISOString() },
        }),
      );
      return cancelled;
    });
  }

  async get(caller: Caller, id: string): Promise<RepairRequest> {
    return (await this.load(this.dataSource.manager, caller, id, false)).request;
  }

  async list(caller: Caller, limit: number): Promise<RepairRequest[]> {
    const records = await this.dataSource.manager.find(RepairRequestRecord, {
      where: { agencyId: caller.agencyId },
      order: { reportedAt: 'DESC' },
      take: limit,
    });
    return records.map(toDomain);
  }

  /** Another agency's request is reported as not found: existence must not leak across agencies. */
  private async load(manager: EntityManager, caller: Caller, id: string, forUpdate: boolean): Promise<{ request: RepairRequest; version: number }> {
    const record = await findInAgency(manager, RepairRequestRecord, { id, agencyId: caller.agencyId, aggregate: 'repair request', forUpdate });
    return { request: toDomain(record), version: record.version };
  }
}


export function toRecord(request: RepairRequest, version: number): RepairRequestRecord {
  return {
    id: request.id,
    agencyId: request.agencyId,
    reportedBy: request.reportedBy,
    departmentId: request.departmentId ?? null,
    assetCode: request.assetCode ?? null,
    location: request.location,
    description: request.description,
    priority: request.priority,
    attachments: request.attachments,
    status: request.status,
    reportedAt: request.reportedAt,
    cancelledAt: request.cancelledAt ?? null,
    cancellationReason: request.cancellationReason ?? null,
    workOrderId: request.workOrderId ?? null,
    version,
  };
}

export function toDomain(record: RepairRequestRecord): RepairRequest {
  return {
    id: record.id,
    agencyId: record.agencyId,
    reportedBy: record.reportedBy,
    ...(record.departmentId ? { departmentId: record.departmentId } : {}),
    ...(record.assetCode ? { assetCode: record.assetCode } : {}),
    location: record.location,
    description: record.description,
    priority: record.priority,
    attachments: record.attachments ?? [],
    status: record.status,
    reportedAt: record.reportedAt,
    ...(record.cancelledAt ? { cancelledAt: record.cancelledAt } : {}),
    ...(record.cancellationReason ? { cancellationReason: record.cancellationReason } : {}),
    ...(record.workOrderId ? { workOrderId: record.workOrderId } : {}),
  };
}
