import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@houqin/contracts';
import { EventContext } from '@houqin/messaging';
import { KPI_EVENT_TYPE_LIST } from './domain/kpi-facts';
import { KpisService } from './kpis.service';

/** The events KPIs read fold into facts and values in the inbox transaction (the audit trail records them in the same one). */
@Controller()
export class KpisHandlers {
  constructor(private readonly kpis: KpisService) {}

  @EventPattern([...KPI_EVENT_TYPE_LIST])
  async onKpiEvent(@Payload() event: EventEnvelope, @Ctx() context: EventContext): Promise<void> {
    await this.kpis.fold(context.manager, { id: event.id, type: event.type, time: event.time, agencyId: event.agencyid, data: event.data });
  }
}
