import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller } from '@houqin/service-kit';
import { RentalContractView } from '../dispatch/dispatch.dto';
import type { RentalPerformance } from './domain/rental-performance';
import { RentalsService } from './rentals.service';

export class PunctualityMeasureView {
  @ApiProperty({ description: "The contract's completed rental trips" }) trips!: number;
  @ApiProperty({ description: 'Of them, set off on time (within 5 minutes of the requested start)' }) onTime!: number;
  @ApiPropertyOptional({ description: 'onTime ÷ trips × 100, two decimals; absent before the first completed trip' }) ratePercent?: number;
  @ApiProperty({ description: 'SLA: minPunctualityRate' }) targetPercent!: number;
  @ApiPropertyOptional({ description: 'The rate reaches the target (compared exactly); absent with nothing measured' }) meetsSla?: boolean;
}

export class DispatchResponseMeasureView {
  @ApiProperty({ description: 'Dispatches answered, or past their deadline unanswered' }) measured!: number;
  @ApiProperty({ description: 'Answered by the deadline' }) withinSla!: number;
  @ApiProperty({ description: 'Answered after the deadline' }) late!: number;
  @ApiProperty({ description: 'Past the deadline without an answer' }) unanswered!: number;
  @ApiPropertyOptional({ description: 'withinSla ÷ measured × 100, two decimals; absent before the first measured dispatch' }) ratePercent?: number;
  @ApiProperty({ description: 'SLA: maxDispatchResponseMinutes' }) targetMinutes!: number;
  @ApiPropertyOptional({ description: 'Every measured dispatch answered in time; absent with nothing measured' }) meetsSla?: boolean;
}

export class RentalPerformanceView {
  @ApiProperty({ type: PunctualityMeasureView }) punctuality!: PunctualityMeasureView;
  @ApiProperty({ type: DispatchResponseMeasureView }) dispatchResponse!: DispatchResponseMeasureView;

  static of(performance: RentalPerformance): RentalPerformanceView {
    return { punctuality: { ...performance.punctuality }, dispatchResponse: { ...performance.dispatchResponse } };
  }
}

export class RentalContractWithStandingView extends RentalContractView {
  @ApiPropertyOptional({ description: 'Why the vendor gets no rental trip now (suspended, blacklisted, sanctioned)' }) barred?: string;
  @ApiProperty({ description: 'Evaluation warned the vendor (警告): nothing is barred, the dispatcher is told' }) warned!: boolean;
  @ApiProperty({ type: RentalPerformanceView, description: "The SLA measured over the contract's rental trips so far, beside its targets" }) performance!: RentalPerformanceView;
}

@ApiTags('rentals')
@Controller('transport-contracts')
export class RentalsController {
  constructor(private readonly rentals: RentalsService) {}

  @Get()
  @ApiOkResponse({ type: [RentalContractWithStandingView], description: "Procurement's transport contracts with the rental vendor's standing and its SLA measured (punctuality, dispatch response)" })
  async list(@CurrentCaller() caller: Caller): Promise<RentalContractWithStandingView[]> {
    return (await this.rentals.contracts(caller)).map(({ contract, barred, warned, performance }) => ({
      ...RentalContractView.of(contract),
      ...(barred ? { barred } : {}),
      warned,
      performance: RentalPerformanceView.of(performance),
    }));
  }
}
