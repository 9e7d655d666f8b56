import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { InspectionFailed, InspectionPassed } from '@houqin/contracts';
import { Clock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { CLOCK, eventOrigin } from '@houqin/service-kit';
import { CanteensRepository } from '../canteens/canteens.repository';
import { OperatorsService } from '../operators/operators.service';
import { CheckItemInput, Inspection, InspectionPhoto, inspect } from './domain/inspection';
import { InspectionsRepository } from './inspections.repository';

/**
 * Food-safety inspections by the agency: the inspection and its event commit together. A failed
 * one publishes inspection.failed — evaluation records the violation and the rectification notice
 * (整改) with its deadline; a passed one inspection.passed, for the operator's pass rate.
 */
@Injectable()
export class InspectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly inspections: InspectionsRepository,
    private readonly canteens: CanteensRepository,
    private readonly operators: OperatorsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(caller: Caller, canteenId: string, input: { items: CheckItemInput[]; photos?: InspectionPhoto[] }): Promise<Inspection> {
    return this.dataSource.transaction(async (manager) => {
      await this.canteens.load(manager, caller.agencyId, canteenId);
      const operator = await this.operators.current(manager, caller.agencyId, canteenId);
      const inspection = inspect(
        {
          id: randomUUID(),
          agencyId: caller.agencyId,
          canteenId,
          ...(operator ? { operator: { vendorId: operator.vendorId, contractId: operator.contractId } } : {}),
          items: input.items,
          photos: input.photos ?? [],
          inspectedBy: caller.userId,
        },
        this.clock.now(),
      );
      await this.inspections.insert(manager, inspection);
      const common = {
        canteenId,
        inspectionId: inspection.id,
        ...(inspection.vendorId ? { vendorId: inspection.vendorId, contractId: inspection.contractId } : {}),
        score: inspection.score,
        inspectedBy: inspection.inspectedBy,
        inspectedAt: inspection.inspectedAt.toISOString(),
      };
      const event = inspection.passed
        ? InspectionPassed.create({ subject: inspection.id, origin: eventOrigin(caller), data: { ...common, items: inspection.items.length } })
        : InspectionFailed.create({
            subject: inspection.id,
            origin: eventOrigin(caller),
            data: { ...common, failedItems: inspection.items.filter((item) => !item.passed).map((item) => ({ code: item.code, description: `${item.description}: ${item.finding ?? 'failed'}`.slice(0, 500) })) },
          });
      await this.outbox.append(manager, event);
      return inspection;
    });
  }

  async list(caller: Caller, canteenId: string, limit: number): Promise<Inspection[]> {
    await this.operators.visibleCanteen(this.dataSource.manager, caller, canteenId);
    return this.inspections.list(this.dataSource.manager, canteenId, limit);
  }
}
