import { BusinessRuleViolation, Clock } from '@houqin/domain';
import type { Location } from '../../repair-requests/domain/repair-request';

export const ASSET_CATEGORIES = ['hvac', 'elevator', 'electrical', 'plumbing', 'fire-safety', 'it', 'vehicle', 'building', 'other'] as const;
export type AssetCategory = (typeof ASSET_CATEGORIES)[number];
export const ASSET_CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
export type AssetCriticality = (typeof ASSET_CRITICALITIES)[number];
export const METER_KINDS = ['hours', 'count'] as const;
export type MeterKind = (typeof METER_KINDS)[number];

export interface MeterReading {
  value: number;
  readAt: string;
}

/** One piece of equipment in the asset register (设备台账). Money in fen; dates as YYYY-MM-DD. */
export interface Asset {
  id: string;
  agencyId: string;
  code: string;
  name: string;
  category: AssetCategory;
  location: Location;
  criticality: AssetCriticality;
  acquiredOn?: string;
  acquisitionValue?: number;
  warrantyEndsOn?: string;
  contractId?: string;
  /** The latest reading of each meter. */
  meters: Partial<Record<MeterKind, MeterReading>>;
  registeredBy: string;
  registeredAt: Date;
}

export interface AssetRegistration {
  id: string;
  agencyId: string;
  registeredBy: string;
  code: string;
  name: string;
  category: AssetCategory;
  location: Location;
  criticality: AssetCriticality;
  acquiredOn?: string;
  acquisitionValue?: number;
  warrantyEndsOn?: string;
  contractId?: string;
}

/** Codes are compared upper-case, as printed on the QR label. */
export function normaliseAssetCode(code: string): string {
  return code.trim().toUpperCase();
}

export function registerAsset(input: AssetRegistration, clock: Clock): Asset {
  const name = input.name.trim();
  if (!name) throw new BusinessRuleViolation('name-required', 'name the asset', 'name');
  const building = input.location.building.trim();
  if (!building) throw new BusinessRuleViolation('location-required', 'say which building the asset is in', 'location.building');
  if (input.acquiredOn && input.warrantyEndsOn && input.warrantyEndsOn < input.acquiredOn) {
    throw new BusinessRuleViolation('warranty-before-acquisition', 'the warranty cannot end before the asset was acquired', 'warrantyEndsOn');
  }
  return {
    id: input.id,
    agencyId: input.agencyId,
    code: normaliseAssetCode(input.code),
    name,
    category: input.category,
    location: { building, ...(input.location.floor ? { floor: input.location.floor.trim() } : {}), ...(input.location.room ? { room: input.location.room.trim() } : {}) },
    criticality: input.criticality,
    ...(input.acquiredOn ? { acquiredOn: input.acquiredOn } : {}),
    ...(input.acquisitionValue !== undefined ? { acquisitionValue: input.acquisitionValue } : {}),
    ...(input.warrantyEndsOn ? { warrantyEndsOn: input.warrantyEndsOn } : {}),
    ...(input.contractId ? { contractId: input.contractId } : {}),
    meters: {},
    registeredBy: input.registeredBy,
    registeredAt: clock.now(),
  };
}

/** Meters only go forward: a reading below the latest of its kind is refused (a replaced meter is a new asset record's concern). */
export function recordMeterReading(asset: Asset, kind: MeterKind, value: number, clock: Clock): Asset {
  if (!Number.isFinite(value) || value < 0) throw new BusinessRuleViolation('meter-negative', 'a meter reading is a non-negative number', 'value');
  const latest = asset.meters[kind];
  if (latest && value < latest.value) {
    throw new BusinessRuleViolation('meter-decreasing', `the ${kind} meter of ${asset.code} last read ${latest.value}; a reading of ${value} would go backwards`, 'value');
  }
  return { ...asset, meters: { ...asset.meters, [kind]: { value, readAt: clock.now().toISOString() } } };
}
