import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller } from '@houqin/service-kit';
import { MaintenanceDashboardView } from './dashboard.dto';
import { MaintenanceDashboardService } from './dashboard.service';

@ApiTags('dashboard')
@Controller('dashboard')
export class MaintenanceDashboardController {
  constructor(private readonly dashboard: MaintenanceDashboardService) {}

  @Get()
  @ApiOperation({ summary: "The caller's agency's maintenance section of the dashboard: open repair requests, those at risk, today's reports" })
  @ApiOkResponse({ type: MaintenanceDashboardView })
  figures(@CurrentCaller() caller: Caller): Promise<MaintenanceDashboardView> {
    return this.dashboard.figures(caller);
  }
}
