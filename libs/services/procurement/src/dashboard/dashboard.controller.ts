import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller } from '@houqin/service-kit';
import { DashboardView } from './dashboard.dto';
import { ProcurementDashboardService } from './dashboard.service';

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: ProcurementDashboardService) {}

  @Get()
  @ApiOperation({ summary: "The caller's agency's procurement section of the dashboard: vendors by status, recent suspensions" })
  @ApiOkResponse({ type: DashboardView })
  figures(@CurrentCaller() caller: Caller): Promise<DashboardView> {
    return this.dashboard.figures(caller);
  }
}
