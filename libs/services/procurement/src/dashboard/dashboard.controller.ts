import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller } from '@houqin/service-kit';
import { ProcurementDashboardView } from './dashboard.dto';
import { ProcurementDashboardService } from './dashboard.service';

@ApiTags('dashboard')
@Controller('dashboard')
export class ProcurementDashboardController {
  constructor(private readonly dashboard: ProcurementDashboardService) {}

  @Get()
  @ApiOperation({ summary: "The caller's agency's procurement section of the dashboard: vendors by status, recent suspensions" })
  @ApiOkResponse({ type: ProcurementDashboardView })
  figures(@CurrentCaller() caller: Caller): Promise<ProcurementDashboardView> {
    return this.dashboard.figures(caller);
  }
}
