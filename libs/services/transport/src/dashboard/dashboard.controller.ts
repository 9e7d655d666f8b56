import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller } from '@houqin/service-kit';
import { DashboardView } from './dashboard.dto';
import { TransportDashboardService } from './dashboard.service';

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: TransportDashboardService) {}

  @Get()
  @ApiOperation({ summary: "The caller's agency's transport section of the dashboard: vehicles by status, those in the workshop" })
  @ApiOkResponse({ type: DashboardView })
  figures(@CurrentCaller() caller: Caller): Promise<DashboardView> {
    return this.dashboard.figures(caller);
  }
}
