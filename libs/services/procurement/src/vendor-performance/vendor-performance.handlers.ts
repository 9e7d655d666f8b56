import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventData, EventEnvelope, ScorecardPublished, VendorScoreChanged } from '@houqin/contracts';
import { EventContext } from '@houqin/messaging';
import { VendorPerformanceRepository } from './vendor-performance.repository';

type Published = EventData<typeof ScorecardPublished>;
type Changed = EventData<typeof VendorScoreChanged>;

/**
 * Evaluation's published scorecards become vendors' latest scores in procurement, in the inbox
 * transaction. Both events carry the score; either may arrive first, or twice: the later period
 * (or the correction) wins, save that one without a score never replaces a scored one.
 */
@Controller()
export class VendorPerformanceHandlers {
  constructor(private readonly performance: VendorPerformanceRepository) {}

  @EventPattern([ScorecardPublished.type, VendorScoreChanged.type])
  async onScore(@Payload() event: EventEnvelope<Published | Changed>, @Ctx() context: EventContext): Promise<void> {
    const data = event.data;
    if (!data.vendorId) return; // the agency's internal team: no vendor to score in tenders
    await this.performance.record(
      context.manager,
      {
        agencyId: data.agencyId,
        vendorId: data.vendorId.toLowerCase(),
        serviceType: data.serviceType,
        period: data.period,
        periodStart: new Date(data.periodStart),
        periodEnd: new Date(data.periodEnd),
        version: data.version,
        score: data.score ?? null,
        standing: data.standing ?? null,
        scorecardId: data.scorecardId,
      },
      new Date(event.time),
    );
  }
}
