import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  ContractExpired,
  ContractSigned,
  ContractTerminated,
  EventData,
  EventEnvelope,
  SanctionedVendorReinstated,
  VendorBlacklisted,
  VendorBlacklistingLifted,
  VendorReinstated,
  VendorSanctioned,
  VendorSuspended,
  VendorWarned,
} from '@houqin/contracts';
import { EventContext } from '@houqin/messaging';
import { RentalsService } from './rentals.service';

/** Procurement's transport contracts and vendor bars, and evaluation's sanctions and warnings, projected in the inbox transaction. */
@Controller()
export class RentalsHandlers {
  constructor(private readonly rentals: RentalsService) {}

  @EventPattern([ContractSigned.type])
  async onContractSigned(@Payload() event: EventEnvelope<EventData<typeof ContractSigned>>, @Ctx() context: EventContext): Promise<void> {
    await this.rentals.applySigned(context.manager, event);
  }

  @EventPattern([ContractExpired.type, ContractTerminated.type])
  async onContractEnded(@Payload() event: EventEnvelope<EventData<typeof ContractExpired>> | EventEnvelope<EventData<typeof ContractTerminated>>, @Ctx() context: EventContext): Promise<void> {
    await this.rentals.applyEnded(context.manager, event);
  }

  @EventPattern([VendorSuspended.type])
  async onVendorSuspended(@Payload() event: EventEnvelope<EventData<typeof VendorSuspended>>, @Ctx() context: EventContext): Promise<void> {
    await this.rentals.applySuspended(context.manager, event);
  }

  @EventPattern([VendorBlacklisted.type])
  async onVendorBlacklisted(@Payload() event: EventEnvelope<EventData<typeof VendorBlacklisted>>, @Ctx() context: EventContext): Promise<void> {
    await this.rentals.applyBlacklisted(context.manager, event);
  }

  @EventPattern([VendorReinstated.type])
  async onVendorReinstated(@Payload() event: EventEnvelope<EventData<typeof VendorReinstated>>, @Ctx() context: EventContext): Promise<void> {
    await this.rentals.applyReinstated(context.manager, event);
  }

  @EventPattern([VendorBlacklistingLifted.type])
  async onBlacklistingLifted(@Payload() event: EventEnvelope<EventData<typeof VendorBlacklistingLifted>>, @Ctx() context: EventContext): Promise<void> {
    await this.rentals.applyBlacklistingLifted(context.manager, event);
  }

  @EventPattern([VendorSanctioned.type])
  async onVendorSanctioned(@Payload() event: EventEnvelope<EventData<typeof VendorSanctioned>>, @Ctx() context: EventContext): Promise<void> {
    await this.rentals.applySanctioned(context.manager, event);
  }

  @EventPattern([VendorWarned.type])
  async onVendorWarned(@Payload() event: EventEnvelope<EventData<typeof VendorWarned>>, @Ctx() context: EventContext): Promise<void> {
    await this.rentals.applyWarned(context.manager, event);
  }

  /** Evaluation's own vendor.reinstated: a suspension's period ended, or a sanction was lifted early. */
  @EventPattern([SanctionedVendorReinstated.type])
  async onSanctionEnded(@Payload() event: EventEnvelope<EventData<typeof SanctionedVendorReinstated>>, @Ctx() context: EventContext): Promise<void> {
    await this.rentals.applySanctionEnded(context.manager, event);
  }
}
