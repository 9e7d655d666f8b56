import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller } from '@houqin/service-kit';
import { EvaluationDashboardView } from './dashboard.dto';
import { EvaluationDashboardService } from './dashboard.service';

@ApiTags('dashboard')
@Controller('dashboard')
export class EvaluationDashboardController {
  constructor(private readonly dashboard: EvaluationDashboardService) {}

  @Get()
  @ApiOperation({ summary: "The caller's agency's evaluation section of the dashboard: audit entries today and the latest ones" })
  @ApiOkResponse({ type: EvaluationDashboardView })
  figures(@CurrentCaller() caller: Caller): Promise<EvaluationDashboardView> {
    return this.dashboard.figures(caller);
  }
}
