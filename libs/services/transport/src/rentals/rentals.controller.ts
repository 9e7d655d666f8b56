import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller } from '@houqin/service-kit';
import { RentalContractView } from '../dispatch/dispatch.dto';
import { RentalsService } from './rentals.service';

export class RentalContractWithStandingView extends RentalContractView {
  @ApiPropertyOptional({ description: 'Why the vendor gets no rental trip now (suspended, blacklisted, sanctioned)' }) barred?: string;
  @ApiProperty({ description: 'Evaluation warned the vendor (警告): nothing is barred, the dispatcher is told' }) warned!: boolean;
}

@ApiTags('rentals')
@Controller('transport-contracts')
export class RentalsController {
  constructor(private readonly rentals: RentalsService) {}

  @Get()
  @ApiOkResponse({ type: [RentalContractWithStandingView], description: "Procurement's transport contracts with the rental vendor's standing" })
  async list(@CurrentCaller() caller: Caller): Promise<RentalContractWithStandingView[]> {
    return (await this.rentals.contracts(caller)).map(({ contract, barred, warned }) => ({ ...RentalContractView.of(contract), ...(barred ? { barred } : {}), warned }));
  }
}
