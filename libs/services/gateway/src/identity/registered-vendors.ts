import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Column, Entity, EntityManager, PrimaryColumn } from 'typeorm';
import { EventData, EventEnvelope, VendorRegistered } from '@houqin/contracts';
import { EventContext } from '@houqin/messaging';
import { isUuid } from './tokens';

/**
 * Which agency registered each vendor (供应商库), projected from procurement's vendor.registered:
 * identity binds a vendor account only to a vendor of the account's own agency, without reading
 * procurement's database or calling it while an admin waits.
 */
@Entity({ name: 'registered_vendor' })
export class RegisteredVendorRecord {
  @PrimaryColumn('uuid', { name: 'vendor_id' }) vendorId!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('timestamptz', { name: 'registered_at' }) registeredAt!: Date;
}

/** True when `vendorId` is a vendor registered for `agencyId`. */
export async function isRegisteredVendorOf(manager: EntityManager, vendorId: string, agencyId: string): Promise<boolean> {
  if (!isUuid(vendorId)) return false;
  return manager.existsBy(RegisteredVendorRecord, { vendorId, agencyId });
}

@Controller()
export class RegisteredVendorsHandlers {
  @EventPattern([VendorRegistered.type])
  async onVendorRegistered(@Payload() event: EventEnvelope<EventData<typeof VendorRegistered>>, @Ctx() context: EventContext): Promise<void> {
    await context.manager
      .createQueryBuilder()
      .insert()
      .into(RegisteredVendorRecord)
      .values({ vendorId: event.data.vendorId, agencyId: event.agencyid, registeredAt: new Date(event.data.registeredAt) })
      .orIgnore()
      .execute();
  }
}
