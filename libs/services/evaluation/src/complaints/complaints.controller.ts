import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Clock } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { CLOCK, CurrentCaller, IntegerParam, OneOfParam, UuidParam } from '@houqin/service-kit';
import { parseParty, vendorParty } from '../kpis/domain/evaluated-party';
import { COMPLAINT_STATUSES, Complaint, ComplaintStatus } from './domain/complaint';
import {
  AddEvidenceDto,
  AppealComplaintDto,
  ComplaintPartyParam,
  ComplaintView,
  DecideComplaintDto,
  FileComplaintDto,
  InstantParam,
  TriageComplaintDto,
  WithdrawComplaintDto,
} from './complaint.dto';
import { ComplaintsService } from './complaints.service';

const NOT_FOUND = "No such complaint in the caller's agency, or one the caller may not see (another's complaint; another vendor's)";
const CONFLICT = 'Not allowed in the complaint’s state (the answer names it), or a segregation of duties (the answer says which)';

@ApiTags('complaints')
@Controller()
export class ComplaintsController {
  constructor(
    private readonly complaints: ComplaintsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private view(complaint: Complaint, caller: Caller): ComplaintView {
    return ComplaintView.of(complaint, caller, this.complaints.terms, this.clock.now());
  }

  @Post('complaints')
  @ApiCreatedResponse({ type: ComplaintView, description: 'Filed; complaint.filed is published. The vendor is taken from the service instance’s records when not named.' })
  @ApiUnprocessableEntityResponse({ description: 'The same file attached twice' })
  async file(@CurrentCaller() caller: Caller, @Body() body: FileComplaintDto): Promise<ComplaintView> {
    const complaint = await this.complaints.file(caller, {
      serviceType: body.serviceType,
      instanceId: body.instanceId,
      vendor: body.vendorId ? vendorParty(body.vendorId) : undefined,
      category: body.category,
      description: body.description,
      attachments: body.attachments ?? [],
      anonymousToVendor: body.anonymousToVendor ?? false,
    });
    return this.view(complaint, caller);
  }

  @Get('complaints')
  @ApiOkResponse({ type: [ComplaintView], description: 'Latest filed first: staff and approvers see their own; a vendor account its vendor’s; operators, auditors, evaluators and supervisors all of the agency' })
  @ApiQuery({ name: 'status', required: false, enum: COMPLAINT_STATUSES })
  @ApiQuery({ name: 'party', required: false, description: "A vendor id, or 'internal-team'" })
  @ApiQuery({ name: 'from', required: false, description: 'Filed at or after (ISO 8601 instant)' })
  @ApiQuery({ name: 'to', required: false, description: 'Filed before (ISO 8601 instant)' })
  async list(
    @CurrentCaller() caller: Caller,
    @Query('status', new OneOfParam<ComplaintStatus>(COMPLAINT_STATUSES)) status: ComplaintStatus | undefined,
    @Query('party', ComplaintPartyParam) party: string | undefined,
    @Query('from', InstantParam) from: Date | undefined,
    @Query('to', InstantParam) to: Date | undefined,
    @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number,
  ): Promise<ComplaintView[]> {
    return (await this.complaints.list(caller, { status, party, from, to }, limit)).map((complaint) => this.view(complaint, caller));
  }

  @Get('complaints/:id')
  @ApiOkResponse({ type: ComplaintView })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<ComplaintView> {
    return this.view(await this.complaints.get(caller, id), caller);
  }

  @Post('complaints/:id/triage')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintView, description: 'Under investigation; complaint.triaged is published' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  @ApiUnprocessableEntityResponse({ description: 'The party is not known from the service instance and not named (field party)' })
  async triage(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: TriageComplaintDto): Promise<ComplaintView> {
    const complaint = await this.complaints.triage(caller, id, {
      severity: body.severity,
      investigatorId: body.investigatorId,
      category: body.category,
      party: body.party ? parseParty(body.party.toLowerCase()) : undefined,
      note: body.note,
    });
    return this.view(complaint, caller);
  }

  @Post('complaints/:id/evidence')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintView, description: 'Evidence added; complaint.evidence-added is published' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  async addEvidence(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: AddEvidenceDto): Promise<ComplaintView> {
    return this.view(await this.complaints.addEvidence(caller, id, { description: body.description, attachments: body.attachments ?? [] }), caller);
  }

  @Post('complaints/:id/decision')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintView, description: 'Decided, the reasons being the response to the complainant: complaint.upheld (naming who answers) or complaint.rejected' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  @ApiUnprocessableEntityResponse({ description: 'An answerable entry incomplete (the field names it)' })
  async decide(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: DecideComplaintDto): Promise<ComplaintView> {
    return this.view(await this.complaints.decide(caller, id, { outcome: body.outcome, reasons: body.reasons, answerable: body.answerable }), caller);
  }

  @Post('complaints/:id/appeal')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintView, description: 'Appealed (once); complaint.appealed is published' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'Not decided, or appealed already (the answer names the state)' })
  @ApiUnprocessableEntityResponse({ description: 'Not the complainant, or past the appeal window (COMPLAINT_APPEAL_DAYS)' })
  async appeal(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: AppealComplaintDto): Promise<ComplaintView> {
    return this.view(await this.complaints.appeal(caller, id, body.reasons), caller);
  }

  @Post('complaints/:id/appeal-decision')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintView, description: 'complaint.appeal-decided; with complaint.upheld (onAppeal) or complaint.overturned when the standing changed' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'Not appealed (the answer names the state), or the caller made the first decision (segregation of duties)' })
  async decideAppeal(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: DecideComplaintDto): Promise<ComplaintView> {
    return this.view(await this.complaints.decideAppeal(caller, id, { outcome: body.outcome, reasons: body.reasons, answerable: body.answerable }), caller);
  }

  @Post('complaints/:id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintView, description: 'Withdrawn by the complainant; complaint.withdrawn is published' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'Decided already (the answer names the state)' })
  async withdraw(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: WithdrawComplaintDto): Promise<ComplaintView> {
    return this.view(await this.complaints.withdraw(caller, id, body.reason), caller);
  }
}
