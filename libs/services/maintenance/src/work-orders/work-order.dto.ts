import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { ASSET_CATEGORIES, AssetCategory } from '../assets/domain/asset';
import { FileAttachmentView } from '@houqin/service-kit';
import { LocationDto } from '../repair-requests/repair-request.dto';
import { REPAIR_PRIORITIES, RepairPriority } from '../repair-requests/domain/repair-request';
import type { SlaClockState } from '../sla/sla-clocks';
import { WORK_ORDER_ORIGINS, WORK_ORDER_STATUSES, WorkOrder } from './domain/work-order';

export class TriageRepairRequestDto {
  @ApiPropertyOptional({ enum: ASSET_CATEGORIES, description: "Required unless the asset is known (then the asset's category)" })
  @IsOptional()
  @IsIn(ASSET_CATEGORIES)
  category?: AssetCategory;

  @ApiPropertyOptional({ enum: REPAIR_PRIORITIES, description: "Default: the request's priority" })
  @IsOptional()
  @IsIn(REPAIR_PRIORITIES)
  priority?: RepairPriority;

  @ApiPropertyOptional({ description: "The asset at fault; default: the asset of the request's asset code, when registered" })
  @IsOptional()
  @IsUUID()
  assetId?: string;

  @ApiPropertyOptional({ description: 'Assign at once to the one vendor whose active contract covers the work (422 when none or several fit)' })
  @IsOptional()
  @IsBoolean()
  autoAssign?: boolean;
}

export class AssignWorkOrderDto {
  @ApiPropertyOptional({ description: 'A vendor whose active contract covers the work; absent (and not internal): the one vendor that fits' })
  @IsOptional()
  @IsUUID()
  vendorId?: string;

  @ApiPropertyOptional({ description: 'Give the work to the internal team instead of a vendor' })
  @IsOptional()
  @IsBoolean()
  internal?: boolean;
}

export class CompleteWorkOrderDto {
  @ApiPropertyOptional({ example: 'Cleared the blocked condensate drain.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  resolutionNote?: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'Still dripping onto the carpet.' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class WorkOrderTimesView {
  @ApiProperty({ description: 'Report → acceptance, whole minutes' }) responseMinutes!: number;
  @ApiProperty({ description: 'Report → completion less time on hold, whole minutes' }) resolutionMinutes!: number;
  @ApiProperty() onHoldMinutes!: number;
  @ApiProperty() firstTimeFix!: boolean;
}

export class SlaClockView {
  @ApiProperty({ enum: ['response', 'resolution'] }) kind!: string;
  @ApiProperty({ enum: ['running', 'paused', 'met', 'breached', 'cancelled'] }) status!: string;
  @ApiProperty({ enum: ['round-the-clock', 'business-hours'], description: 'The time the clock counts (SLA_BUSINESS_HOURS_PRIORITIES), fixed when it started' }) calendar!: string;
  @ApiProperty({ description: "The contract's target for the priority, minutes" }) targetMinutes!: number;
  @ApiPropertyOptional({ description: 'Absent while paused (it moves with the pause)' }) deadline?: string;
  @ApiPropertyOptional({ description: 'When the clock is at risk (escalated to the logistics manager)' }) atRiskAt?: string;
  @ApiProperty({ description: 'Whole minutes left before the deadline as of now (negative once past; frozen once stopped)' }) remainingMinutes!: number;
  @ApiPropertyOptional() atRiskWarnedAt?: string;
  @ApiPropertyOptional() breachedAt?: string;
  @ApiPropertyOptional() stoppedAt?: string;

  static of(clock: SlaClockState): SlaClockView {
    const iso = (date: Date | undefined) => date?.toISOString();
    const optional = Object.fromEntries(
      Object.entries({ deadline: iso(clock.deadline), atRiskAt: iso(clock.atRiskAt), atRiskWarnedAt: iso(clock.atRiskWarnedAt), breachedAt: iso(clock.breachedAt), stoppedAt: iso(clock.stoppedAt) }).filter(([, value]) => value !== undefined),
    ) as Record<string, string>;
    return { kind: clock.kind, status: clock.status, calendar: clock.calendar, targetMinutes: Math.round(clock.targetMs / 60_000), remainingMinutes: Math.trunc(clock.remainingMs / 60_000), ...optional };
  }
}

export class WorkOrderView {
  @ApiProperty() id!: string;
  @ApiProperty() agencyId!: string;
  @ApiProperty({ enum: WORK_ORDER_ORIGINS, description: 'A repair request, a preventive plan falling due, or a vehicle due for service' }) origin!: string;
  @ApiPropertyOptional({ description: 'Set when the origin is a repair request' }) repairRequestId?: string;
  @ApiPropertyOptional({ description: 'Set when the origin is a preventive plan' }) preventivePlanId?: string;
  @ApiPropertyOptional({ description: "Set when the origin is a vehicle's service (transport's vehicle id)" }) vehicleId?: string;
  @ApiProperty({ description: 'Who reported the fault; for raised work, the person answerable for it' }) reportedBy!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: REPAIR_PRIORITIES }) priority!: string;
  @ApiProperty({ enum: ASSET_CATEGORIES }) category!: string;
  @ApiProperty({ type: LocationDto }) location!: LocationDto;
  @ApiPropertyOptional() assetId?: string;
  @ApiProperty({ enum: WORK_ORDER_STATUSES }) status!: string;
  @ApiPropertyOptional({ enum: ['vendor', 'internal'] }) assignee?: string;
  @ApiPropertyOptional() vendorId?: string;
  @ApiPropertyOptional() contractId?: string;
  @ApiProperty() reportedAt!: string;
  @ApiProperty() triagedAt!: string;
  @ApiPropertyOptional() assignedAt?: string;
  @ApiPropertyOptional() acceptedAt?: string;
  @ApiPropertyOptional() startedAt?: string;
  @ApiPropertyOptional() completedAt?: string;
  @ApiPropertyOptional() verifiedAt?: string;
  @ApiPropertyOptional() closedAt?: string;
  @ApiPropertyOptional() cancelledAt?: string;
  @ApiPropertyOptional() cancellationReason?: string;
  @ApiPropertyOptional({ description: 'Set while on hold waiting on the requester' }) holdStartedAt?: string;
  @ApiPropertyOptional({ description: 'What the work is waiting on; set while on hold' }) holdReason?: string;
  @ApiProperty({ description: 'Minutes spent on hold waiting on the requester so far' }) onHoldMinutes!: number;
  @ApiProperty() reopenCount!: number;
  @ApiPropertyOptional() resolutionNote?: string;
  @ApiPropertyOptional({ type: [SlaClockView], description: 'On GET /work-orders/:id only: the response and resolution clocks of a contracted vendor, as of now' })
  slaClocks?: SlaClockView[];
  @ApiPropertyOptional({ type: [FileAttachmentView], description: "On GET /work-orders/:id only: the photos and documents of the fault from its repair request" })
  attachments?: FileAttachmentView[];

  static of(order: WorkOrder): WorkOrderView {
    const iso = (date: Date | undefined) => date?.toISOString();
    const optional = (entries: Record<string, string | undefined>) => Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as Record<string, string>;
    return {
      id: order.id,
      agencyId: order.agencyId,
      origin: order.origin,
      reportedBy: order.reportedBy,
      description: order.description,
      priority: order.priority,
      category: order.category,
      location: order.location,
      status: order.status,
      reportedAt: order.reportedAt.toISOString(),
      triagedAt: order.triagedAt.toISOString(),
      onHoldMinutes: Math.floor(order.onHoldMs / 60_000),
      reopenCount: order.reopenCount,
      ...optional({
        repairRequestId: order.repairRequestId,
        preventivePlanId: order.preventivePlanId,
        vehicleId: order.vehicleId,
        assetId: order.assetId,
        assignee: order.assignee?.kind,
        vendorId: order.assignee?.kind === 'vendor' ? order.assignee.vendorId : undefined,
        contractId: order.assignee?.kind === 'vendor' ? order.assignee.contractId : undefined,
        assignedAt: iso(order.assignedAt),
        acceptedAt: iso(order.acceptedAt),
        startedAt: iso(order.startedAt),
        completedAt: iso(order.completedAt),
        verifiedAt: iso(order.verifiedAt),
        closedAt: iso(order.closedAt),
        cancelledAt: iso(order.cancelledAt),
        cancellationReason: order.cancellationReason,
        holdStartedAt: iso(order.holdStartedAt),
        holdReason: order.holdReason,
        resolutionNote: order.resolutionNote,
      }),
    };
  }
}
