import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Clock } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { CLOCK, CurrentCaller } from '@houqin/service-kit';
import { VendorContractView } from './vendor-contract.dto';
import { VendorContractsService } from './vendor-contracts.service';

@ApiTags('vendor contracts')
@Controller('vendor-contracts')
export class VendorContractsController {
  constructor(
    private readonly projection: VendorContractsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOkResponse({ type: [VendorContractView], description: "The maintenance contracts maintenance knows of in the caller's agency, latest signed first, with each vendor's standing" })
  async list(@CurrentCaller() caller: Caller): Promise<VendorContractView[]> {
    const now = this.clock.now();
    return (await this.projection.list(caller)).map(({ contract, standing }) => VendorContractView.of(contract, standing, now));
  }
}
