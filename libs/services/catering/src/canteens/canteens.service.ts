import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CanteenClosed, CanteenOpened, CanteenReopened } from '@houqin/contracts';
import { systemClock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { findInAgency } from '@houqin/persistence';
import { Caller } from '@houqin/observability';
import { eventOrigin } from '@houqin/service-kit';
import { Canteen, closeCanteen, openCanteen, reopenCanteen } from './domain/canteen';
import { CloseCanteenDto, OpenCanteenDto } from './canteen.dto';
import { CanteenRecord } from './canteen.entity';

/** Use cases: load, apply the domain rule, save the change and its event in one transaction. */
@Injectable()
export class CanteensService {
  private readonly clock = systemClock;

  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly outbox: Outbox) {}

  async open(caller: Caller, input: OpenCanteenDto): Promise<Canteen> {
    const canteen = openCanteen(
      {
        id: randomUUID(),
        agencyId: caller.agencyId,
        openedBy: caller.userId,
        name: input.name,
        location: { building: input.location.building, ...(input.location.floor !== undefined ? { floor: input.location.floor } : {}) },
        capacity: input.capacity,
        mealPeriods: input.mealPeriods,
      },
      this.clock,
    );
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(CanteenRecord, toRecord(canteen, 1));
      await this.outbox.append(
        manager,
        CanteenOpened.create({
          subject: canteen.id,
          origin: eventOrigin(caller),
          data: {
            canteenId: canteen.id,
            name: canteen.name,
            location: canteen.location,
            capacity: canteen.capacity,
            mealPeriods: canteen.mealPeriods,
            status: 'open',
            openedBy: canteen.openedBy,
            openedAt: canteen.openedAt.toISOString(),
          },
        }),
      );
    });
    return canteen;
  }

  async close(caller: Caller, id: string, input: CloseCanteenDto): Promise<Canteen> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.load(manager, caller, id, true);
      const closed = closeCanteen(current.canteen, { closedBy: caller.userId, reason: input.reason }, this.clock);
      await manager.update(CanteenRecord, { id, version: current.version }, toRecord(closed, current.version + 1));
      await this.outbox.append(
        manager,
        CanteenClosed.create({
          subject: id,
          origin: eventOrigin(caller),
          data: {
            canteenId: id,
            name: closed.name,
            status: 'closed',
            reason: closed.closure.reason,
            closedBy: closed.closure.closedBy,
            closedAt: closed.closure.closedAt.toISOString(),
          },
        }),
      );
      return closed;
    });
  }

  async reopen(caller: Caller, id: string): Promise<Canteen> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.load(manager, caller, id, true);
      const reopened = reopenCanteen(current.canteen, this.clock);
      const ended = current.canteen.closure;
      // The table's check guarantees a closed canteen its closure; without one the row is corrupt.
      if (!ended) throw new Error(`canteen ${id} is closed but has no closure recorded`);
      await manager.update(CanteenRecord, { id, version: current.version }, toRecord(reopened, current.version + 1));
      await this.outbox.append(
        manager,
        CanteenReopened.create({
          subject: id,
          origin: eventOrigin(caller),
          data: {
            canteenId: id,
            name: reopened.name,
            mealPeriods: reopened.mealPeriods,
            status: 'open',
            reopenedBy: caller.userId,
            reopenedAt: reopened.reopenedAt.toISOString(),
            closedAt: ended.closedAt.toISOString(),
            closureReason: ended.reason,
          },
        }),
      );
      return reopened;
    });
  }

  async get(caller: Caller, id: string): Promise<Canteen> {
    return (await this.load(this.dataSource.manager, caller, id, false)).canteen;
  }

  async list(caller: Caller, limit: number): Promise<Canteen[]> {
    const records = await this.dataSource.manager.find(CanteenRecord, {
      where: { agencyId: caller.agencyId },
      order: { openedAt: 'DESC' },
      take: limit,
    });
    return records.map(toDomain);
  }

  /** Another agency's canteen is reported as not found: existence must not leak across agencies. */
  private async load(manager: EntityManager, caller: Caller, id: string, forUpdate: boolean): Promise<{ canteen: Canteen; version: number }> {
    const record = await findInAgency(manager, CanteenRecord, { id, agencyId: caller.agencyId, aggregate: 'canteen', forUpdate });
    return { canteen: toDomain(record), version: record.version };
  }
}


function toRecord(canteen: Canteen, version: number): CanteenRecord {
  return {
    id: canteen.id,
    agencyId: canteen.agencyId,
    name: canteen.name,
    location: canteen.location,
    capacity: canteen.capacity,
    mealPeriods: canteen.mealPeriods,
    status: canteen.status,
    openedBy: canteen.openedBy,
    openedAt: canteen.openedAt,
    closureReason: canteen.closure?.reason ?? null,
    closedBy: canteen.closure?.closedBy ?? null,
    closedAt: canteen.closure?.closedAt ?? null,
    reopenedAt: canteen.reopenedAt ?? null,
    version,
  };
}

function toDomain(record: CanteenRecord): Canteen {
  return {
    id: record.id,
    agencyId: record.agencyId,
    name: record.name,
    location: record.location,
    capacity: record.capacity,
    mealPeriods: record.mealPeriods,
    status: record.status,
    openedBy: record.openedBy,
    openedAt: record.openedAt,
    ...(record.status === 'closed' && record.closureReason && record.closedBy && record.closedAt
      ? { closure: { reason: record.closureReason, closedBy: record.closedBy, closedAt: record.closedAt } }
      : {}),
    ...(record.reopenedAt ? { reopenedAt: record.reopenedAt } : {}),
  };
}
