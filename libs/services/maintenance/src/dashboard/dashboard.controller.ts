import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller } from '@houqin/service-kit';
import { DashboardView } from './dashboard.dto';
import { MaintenanceDashboardService } from './dashboard.service';

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: MaintenanceDashboardService) {}

  @Get()
  @ApiOperation({ summary: "The caller's agency's maintenance section of the dashboard: open repair requests, those at risk, today's reports" })
  @ApiOkResponse({ type: DashboardView })
  figures(@CurrentCaller() caller: Caller): Promise<DashboardView> {
    return this.dashboard.figures(caller);
  }
}
