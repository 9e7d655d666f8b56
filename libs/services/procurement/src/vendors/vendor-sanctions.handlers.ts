import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventData, EventEnvelope, SanctionedVendorReinstated, VendorSanctioned } from '@houqin/contracts';
import { EventContext } from '@houqin/messaging';
import { VendorsService } from './vendors.service';

/** Sanctions decided by evaluation, and their ends, change the vendor's standing in the registry, in the inbox transaction. */
@Controller()
export class VendorSanctionsHandlers {
  constructor(private readonly vendors: VendorsService) {}

  @EventPattern([VendorSanctioned.type])
  async onVendorSanctioned(@Payload() event: EventEnvelope<EventData<typeof VendorSanctioned>>, @Ctx() context: EventContext): Promise<void> {
    await this.vendors.applySanction(context.manager, event);
  }

  /** Evaluation's vendor.reinstated: the end of a suspension's period, or a sanction lifted early. */
  @EventPattern([SanctionedVendorReinstated.type])
  async onSanctionEnded(@Payload() event: EventEnvelope<EventData<typeof SanctionedVendorReinstated>>, @Ctx() context: EventContext): Promise<void> {
    await this.vendors.applySanctionEnded(context.manager, event);
  }
}
