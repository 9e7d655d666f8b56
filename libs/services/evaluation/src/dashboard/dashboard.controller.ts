import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller } from '@houqin/service-kit';
import { DashboardView } from './dashboard.dto';
import { EvaluationDashboardService } from './dashboard.service';

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: EvaluationDashboardService) {}

  @Get()
  @ApiOperation({ summary: "The caller's agency's evaluation section of the dashboard: audit entries today and the latest ones" })
  @ApiOkResponse({ type: DashboardView })
  figures(@CurrentCaller() caller: Caller): Promise<DashboardView> {
    return this.dashboard.figures(caller);
  }
}
