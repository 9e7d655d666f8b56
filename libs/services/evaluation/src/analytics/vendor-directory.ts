import { Controller, Injectable } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';
import { ContractSigned, EventEnvelope, VendorRegistered } from '@houqin/contracts';
import { EventContext } from '@houqin/messaging';

/**
 * Vendor names as procurement announces them (vendor.registered, contract.signed): a local
 * projection, as the platform keeps reference data, so reports name the vendors. The name of the
 * latest event wins, whatever order the events arrive in.
 */
@Injectable()
export class VendorDirectory {
  async record(manager: EntityManager, agencyId: string, vendorId: string, name: string, namedAt: Date): Promise<void> {
    await manager.query(
      `INSERT INTO evaluation_vendor (agency_id, vendor_id, name, named_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (agency_id, vendor_id) DO UPDATE SET name = EXCLUDED.name, named_at = EXCLUDED.named_at
        WHERE evaluation_vendor.named_at < EXCLUDED.named_at`,
      [agencyId, vendorId, name, namedAt],
    );
  }

  /** Names of the agency's vendors by id. */
  async names(manager: EntityManager, agencyId: string): Promise<Map<string, string>> {
    const rows = (await manager.query(`SELECT vendor_id, name FROM evaluation_vendor WHERE agency_id = $1`, [agencyId])) as Array<{ vendor_id: string; name: string }>;
    return new Map(rows.map((row) => [row.vendor_id, row.name]));
  }
}

@Controller()
export class VendorDirectoryHandlers {
  constructor(private readonly directory: VendorDirectory) {}

  @EventPattern([VendorRegistered.type, ContractSigned.type])
  async onVendorNamed(@Payload() event: EventEnvelope, @Ctx() context: EventContext): Promise<void> {
    const data = event.data as { vendorId: string; name?: string; vendorName?: string };
    const name = data.name ?? data.vendorName;
    if (name) await this.directory.record(context.manager, event.agencyid, data.vendorId, name, new Date(event.time));
  }
}
