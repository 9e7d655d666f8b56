import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { findInAgency } from '@houqin/persistence';
import { CanteenRecord } from './canteen.entity';
import type { MealPeriod } from './domain/canteen';

/** What the other capabilities read of a canteen. */
export interface CanteenSummary {
  id: string;
  agencyId: string;
  name: string;
  capacity: number;
  mealPeriods: MealPeriod[];
  open: boolean;
}

/** Canteens as the other capabilities load them: in the caller's agency, another agency's answering 404. */
@Injectable()
export class CanteensRepository {
  async load(manager: EntityManager, agencyId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<CanteenSummary> {
    const record = await findInAgency(manager, CanteenRecord, { id, agencyId, aggregate: 'canteen', forUpdate: options.forUpdate ?? false });
    return { id: record.id, agencyId: record.agencyId, name: record.name, capacity: record.capacity, mealPeriods: record.mealPeriods, open: record.status === 'open' };
  }
}
