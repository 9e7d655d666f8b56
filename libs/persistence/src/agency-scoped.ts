import { EntityManager, EntityTarget, FindOptionsWhere } from 'typeorm';
import { NotFoundError } from '@houqin/domain';

/** Rows every service keeps: owned by one agency, versioned for optimistic updates. */
export interface AgencyOwnedRecord {
  id: string;
  agencyId: string;
  version: number;
}

/**
 * Loads one aggregate of the caller's agency. Another agency's row answers exactly like a missing
 * one (NotFoundError → 404), so existence never leaks across agencies. `forUpdate` takes the row
 * lock that keeps concurrent changes — and their outbox events — in order.
 */
export async function findInAgency<T extends AgencyOwnedRecord>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  scope: { id: string; agencyId: string; aggregate: string; forUpdate?: boolean },
): Promise<T> {
  const record = await manager.findOne(entity, {
    where: { id: scope.id, agencyId: scope.agencyId } as FindOptionsWhere<T>,
    ...(scope.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!record) throw new NotFoundError(scope.aggregate, scope.id);
  return record;
}
