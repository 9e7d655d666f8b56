import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Clock } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { CLOCK, CurrentCaller, IntegerParam, UuidParam } from '@houqin/service-kit';
import { PartyParam } from '../surveys/survey.dto';
import {
  BooleanQueryParam,
  OptionalDaysParam,
  QualificationView,
  RecordQualificationDto,
  RecordTrainingDto,
  RenewQualificationDto,
  TrainingRecordView,
} from './qualification.dto';
import { QualificationsService } from './qualifications.service';

const PARTY = { description: "The employer: a vendor id, or 'internal-team'" };
const HOLDER = { description: "An internal member's user id or a vendor's staff number" };

@ApiTags('qualifications and training')
@Controller()
export class QualificationsController {
  constructor(
    private readonly qualifications: QualificationsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private view(qualification: Parameters<typeof QualificationView.of>[0]): QualificationView {
    return QualificationView.of(qualification, this.clock.now(), this.qualifications.warningDays);
  }

  @Get('qualifications')
  @ApiOkResponse({ type: [QualificationView], description: "The agency's qualifications (a vendor account: its own staff's), the soonest to expire first" })
  @ApiQuery({ name: 'party', required: false, ...PARTY })
  @ApiQuery({ name: 'holder', required: false, ...HOLDER })
  @ApiQuery({ name: 'expiringWithinDays', required: false, description: 'Not expired, expiring on or before the day N days from today (China Standard Time)' })
  @ApiQuery({ name: 'expired', required: false, description: 'true: expired ones only; false: those in force only' })
  async list(
    @CurrentCaller() caller: Caller,
    @Query('party', PartyParam) party: string | undefined,
    @Query('holder') holder: string | undefined,
    @Query('expiringWithinDays', OptionalDaysParam) expiringWithinDays: number | undefined,
    @Query('expired', BooleanQueryParam) expired: boolean | undefined,
    @Query('limit', new IntegerParam({ min: 1, max: 500, default: 100 })) limit: number,
  ): Promise<QualificationView[]> {
    const filter = { party, holder: holder || undefined, expiringWithinDays, expired };
    return (await this.qualifications.list(caller, filter, limit)).map((qualification) => this.view(qualification));
  }

  @Get('qualifications/:id')
  @ApiOkResponse({ type: QualificationView })
  @ApiNotFoundResponse({ description: "No such qualification in the caller's agency, or (for a vendor account) not of its own staff" })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<QualificationView> {
    return this.view(await this.qualifications.get(caller, id));
  }

  @Post('qualifications')
  @ApiCreatedResponse({ type: QualificationView })
  @ApiUnprocessableEntityResponse({ description: "An expiry not after the issue, an 'other' type without a label, or (a vendor account) someone else's staff — the field is named" })
  async record(@CurrentCaller() caller: Caller, @Body() body: RecordQualificationDto): Promise<QualificationView> {
    const qualification = await this.qualifications.record(caller, {
      holder: body.holder.toHolder(),
      type: body.type,
      label: body.label,
      mandatory: body.mandatory,
      certificateNumber: body.certificateNumber,
      issuedOn: body.issuedOn,
      expiresOn: body.expiresOn,
      attachments: body.attachments ?? [],
    });
    return this.view(qualification);
  }

  @Post('qualifications/:id/renewals')
  @ApiCreatedResponse({ type: QualificationView, description: 'The new expiry is in force; the earlier ones stay in the history; qualification.renewed is published' })
  @ApiNotFoundResponse({ description: "No such qualification in the caller's agency, or (for a vendor account) not of its own staff" })
  @ApiUnprocessableEntityResponse({ description: 'The new expiry is not after the one in force (expiresOn)' })
  async renew(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: RenewQualificationDto): Promise<QualificationView> {
    const renewed = await this.qualifications.renew(caller, id, { expiresOn: body.expiresOn, issuedOn: body.issuedOn, certificateNumber: body.certificateNumber, attachments: body.attachments });
    return this.view(renewed);
  }

  @Get('training-records')
  @ApiOkResponse({ type: [TrainingRecordView], description: "The agency's training records (a vendor account: its own staff's), the latest completed first" })
  @ApiQuery({ name: 'party', required: false, ...PARTY })
  @ApiQuery({ name: 'holder', required: false, ...HOLDER })
  async training(
    @CurrentCaller() caller: Caller,
    @Query('party', PartyParam) party: string | undefined,
    @Query('holder') holder: string | undefined,
    @Query('limit', new IntegerParam({ min: 1, max: 500, default: 100 })) limit: number,
  ): Promise<TrainingRecordView[]> {
    return (await this.qualifications.listTraining(caller, { party, holder: holder || undefined }, limit)).map(TrainingRecordView.of);
  }

  @Post('training-records')
  @ApiCreatedResponse({ type: TrainingRecordView })
  @ApiUnprocessableEntityResponse({ description: "Hours finer than a tenth, a completion after today, or (a vendor account) someone else's staff — the field is named" })
  async recordTraining(@CurrentCaller() caller: Caller, @Body() body: RecordTrainingDto): Promise<TrainingRecordView> {
    const training = await this.qualifications.recordTraining(caller, {
      holder: body.holder.toHolder(),
      course: body.course,
      hours: body.hours,
      completedOn: body.completedOn,
      certificate: body.certificate ? { number: body.certificate.number, attachment: body.certificate.attachment } : undefined,
    });
    return TrainingRecordView.of(training);
  }
}
