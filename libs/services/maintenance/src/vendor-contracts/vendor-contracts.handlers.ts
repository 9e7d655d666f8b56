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
} from '@houqin/contracts';
import { EventContext } from '@houqin/messaging';
import { VendorContractsService } from './vendor-contracts.service';

/** Procurement's contracts, vendor bars and their ends, and evaluation's sanctions, projected in the inbox transaction. */
@Controller()
export class VendorContractsHandlers {
  constructor(private readonly projection: VendorContractsService) {}

  @EventPattern([ContractSigned.type])
  async onContractSigned(@Payload() event: EventEnvelope<EventData<typeof ContractSigned>>, @Ctx() context: EventContext): Promise<void> {
    await this.projection.applySigned(context.manager, event);
  }

  @EventPattern([ContractExpired.type])
  async onContractExpired(@Payload() event: EventEnvelope<EventData<typeof ContractExpired>>, @Ctx() context: EventContext): Promise<void> {
    await this.projection.applyEnded(context.manager, event, 'expired');
  }

  @EventPattern([ContractTerminated.type])
  async onContractTerminated(@Payload() event: EventEnvelope<EventData<typeof ContractTerminated>>, @Ctx() context: EventContext): Promise<void> {
    await this.projection.applyEnded(context.manager, event, 'terminated');
  }

  @EventPattern([VendorSuspended.type])
  async onVendorSuspended(@Payload() event: EventEnvelope<EventData<typeof VendorSuspended>>, @Ctx() context: EventContext): Promise<void> {
    await this.projection.applySuspended(context.manager, event);
  }

  @EventPattern([VendorBlacklisted.type])
  async onVendorBlacklisted(@Payload() event: EventEnvelope<EventData<typeof VendorBlacklisted>>, @Ctx() context: EventContext): Promise<void> {
    await this.projection.applyBlacklisted(context.manager, event);
  }

  @EventPattern([VendorReinstated.type])
  async onVendorReinstated(@Payload() event: EventEnvelope<EventData<typeof VendorReinstated>>, @Ctx() context: EventContext): Promise<void> {
    await this.projection.applyReinstated(context.manager, event);
  }

  @EventPattern([VendorBlacklistingLifted.type])
  async onVendorBlacklistingLifted(
    @Payload() event: EventEnvelope<EventData<typeof VendorBlacklistingLifted>>,
    @Ctx() context: EventContext,
  ): Promise<void> {
    await this.projection.applyBlacklistingLifted(context.manager, event);
  }

  @EventPattern([VendorSanctioned.type])
  async onVendorSanctioned(@Payload() event: EventEnvelope<EventData<typeof VendorSanctioned>>, @Ctx() context: EventContext): Promise<void> {
    await this.projection.applySanctioned(context.manager, event);
  }

  /** Evaluation's own vendor.reinstated: a suspension's period ended, or a sanction was lifted early. */
  @EventPattern([SanctionedVendorReinstated.type])
  async onSanctionEnded(@Payload() event: EventEnvelope<EventData<typeof SanctionedVendorReinstated>>, @Ctx() context: EventContext): Promise<void> {
    await this.projection.applySanctionEnded(context.manager, event);
  }
}
