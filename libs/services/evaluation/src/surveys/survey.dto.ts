import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateBy, ValidationOptions } from 'class-validator';
import { RequestValidationError } from '@houqin/service-kit';
import { SERVICE_TYPES, ServiceType, isPartyKey, partyKey } from '../kpis/domain/evaluated-party';
import { Period, isPeriodKey, parsePeriod } from '../kpis/domain/period';
import { FOLLOW_UP_STATUSES, FollowUp, FollowUpStatus } from './domain/follow-up';
import { SURVEY_STATUSES, Survey, SurveyStatus, statusAt } from './domain/survey';
import type { ResponseFigures } from './domain/response-rate';
import type { SamplingRate } from './surveys.service';
import type { ResponseRateRow } from './survey-results.repository';

/** An object of question code → whole-number score 1–5 (at most 20 questions). */
function IsScoreSheet(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isScoreSheet',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length > 0 &&
          Object.keys(value).length <= 20 &&
          Object.entries(value as Record<string, unknown>).every(([code, score]) => /^[a-z][a-z0-9-]{0,63}$/.test(code) && Number.isInteger(score) && (score as number) >= 1 && (score as number) <= 5),
        defaultMessage: () => 'scores must map each question code to a whole number from 1 to 5',
      },
    },
    options,
  );
}

export class AnswerSurveyDto {
  @ApiProperty({ description: 'A score 1–5 (1 very dissatisfied … 5 very satisfied) for every question of the survey, by code', example: { timeliness: 4, quality: 5, attitude: 5, overall: 5 } })
  @IsObject()
  @IsScoreSheet()
  scores!: Record<string, number>;

  @ApiPropertyOptional({ example: '师傅很快就修好了。', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class CloseFollowUpDto {
  @ApiProperty({ description: 'What the follow-up (回访) found and did', example: '已电话回访，安排返修，用户认可。' })
  @IsString()
  @Length(1, 2000)
  note!: string;
}

export class SetSamplingRateDto {
  @ApiProperty({ enum: SERVICE_TYPES, example: 'maintenance' })
  @IsIn(SERVICE_TYPES)
  serviceType!: ServiceType;

  @ApiProperty({ description: 'Share of completed instances of the service type that get a survey, in percent (0: none, 100: all)', minimum: 0, maximum: 100, example: 50 })
  @IsInt()
  @Min(0)
  @Max(100)
  percent!: number;
}

/** `@Query('period', new PeriodParam({ required: true }))`: YYYY-MM, YYYY-Qn or YYYY; anything else is a 400 naming it. */
@Injectable()
export class PeriodParam implements PipeTransform<unknown, Period | undefined> {
  constructor(private readonly rule: { required: boolean }) {}

  transform(value: unknown, metadata: ArgumentMetadata): Period | undefined {
    const field = metadata.data ?? 'period';
    if ((value === undefined || value === '') && !this.rule.required) return undefined;
    if (!isPeriodKey(value)) throw new RequestValidationError([{ field, rule: 'isPeriod', message: `${field} must be a month YYYY-MM, a quarter YYYY-Qn or a year YYYY` }]);
    return parsePeriod(value);
  }
}

/** `@Query('party', PartyParam)`: absent, a vendor id or 'internal-team'; anything else is a 400 naming it. */
@Injectable()
export class PartyParam implements PipeTransform<unknown, string | undefined> {
  transform(value: unknown, metadata: ArgumentMetadata): string | undefined {
    if (value === undefined || value === '') return undefined;
    const field = metadata.data ?? 'party';
    if (!isPartyKey(value)) throw new RequestValidationError([{ field, rule: 'isParty', message: `${field} must be a vendor id or internal-team` }]);
    return value.toLowerCase();
  }
}

export class QuestionView {
  @ApiProperty({ example: 'timeliness' }) code!: string;
  @ApiProperty({ example: '响应及时性 Timeliness of the response and repair' }) text!: string;
}

export class SurveyAnswerView {
  @ApiProperty({ description: 'Score 1–5 per question code', example: { timeliness: 4, quality: 5, attitude: 5, overall: 5 } }) scores!: Record<string, number>;
  @ApiProperty({ minimum: 1, maximum: 5 }) overall!: number;
  @ApiPropertyOptional() comment?: string;
  @ApiProperty() answeredAt!: string;
}

export class SurveyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: SERVICE_TYPES }) serviceType!: ServiceType;
  @ApiProperty({ description: 'The service instance surveyed (for maintenance, the work order id)' }) instanceId!: string;
  @ApiProperty({ description: "The party evaluated: the vendor id, or 'internal-team'" }) party!: string;
  @ApiProperty({ description: 'The person served, who answers' }) respondentId!: string;
  @ApiProperty({ enum: SURVEY_STATUSES, description: 'As of now: a pending survey past its expiry is expired' }) status!: SurveyStatus;
  @ApiProperty({ type: [QuestionView] }) questions!: QuestionView[];
  @ApiProperty({ description: 'When the service instance completed: the survey counts in that period' }) completedAt!: string;
  @ApiProperty() issuedAt!: string;
  @ApiProperty() expiresAt!: string;
  @ApiPropertyOptional() remindAt?: string;
  @ApiPropertyOptional() remindedAt?: string;
  @ApiPropertyOptional({ type: SurveyAnswerView }) answer?: SurveyAnswerView;
  @ApiPropertyOptional() expiredAt?: string;
  @ApiPropertyOptional() withdrawnAt?: string;
  @ApiPropertyOptional() withdrawalReason?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The follow-up (回访) the low score opened' }) followUpId?: string;

  static of(survey: Survey, now: Date, followUp?: FollowUp): SurveyView {
    const iso = (date: Date | undefined) => date?.toISOString();
    const optional = <T>(key: string, value: T | undefined) => (value === undefined ? {} : { [key]: value });
    return {
      id: survey.id,
      serviceType: survey.serviceType,
      instanceId: survey.instanceId,
      party: partyKey(survey.party),
      respondentId: survey.respondentId,
      status: statusAt(survey, now),
      questions: survey.questions.map(({ code, text }) => ({ code, text })),
      completedAt: survey.completedAt.toISOString(),
      issuedAt: survey.issuedAt.toISOString(),
      expiresAt: survey.expiresAt.toISOString(),
      ...optional('remindAt', iso(survey.remindAt)),
      ...optional('remindedAt', iso(survey.remindedAt)),
      ...(survey.answer
        ? { answer: { scores: survey.answer.scores, overall: survey.answer.overall, ...optional('comment', survey.answer.comment), answeredAt: survey.answer.answeredAt.toISOString() } }
        : {}),
      ...optional('expiredAt', iso(survey.expiredAt)),
      ...optional('withdrawnAt', iso(survey.withdrawnAt)),
      ...optional('withdrawalReason', survey.withdrawalReason),
      ...optional('followUpId', followUp?.id),
    };
  }
}

export class ResponseTotalView {
  @ApiProperty({ description: 'Surveys issued for the instances completed in the period (withdrawn ones excluded)' }) issued!: number;
  @ApiProperty() answered!: number;
  @ApiProperty() expired!: number;
  @ApiProperty() pending!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'answered / issued, 0–1; null when none was issued' }) responseRate!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean overall score 1–5 of the answers; null when none' }) meanScore!: number | null;
}

export class ResponseRateView extends ResponseTotalView {
  @ApiProperty({ enum: SERVICE_TYPES }) serviceType!: ServiceType;
  @ApiProperty({ description: "The vendor id, or 'internal-team'" }) party!: string;
}

export class ResponseRatesView {
  @ApiProperty({ example: '2026-12' }) period!: string;
  @ApiProperty({ type: [ResponseRateView] }) rows!: ResponseRateView[];
  @ApiProperty({ type: ResponseTotalView, description: 'All rows together' }) total!: ResponseTotalView;

  static of(period: Period, rates: { rows: ResponseRateRow[]; total: ResponseFigures }): ResponseRatesView {
    return { period: period.key, rows: rates.rows, total: rates.total };
  }
}

export class SamplingRateView {
  @ApiProperty({ enum: SERVICE_TYPES }) serviceType!: ServiceType;
  @ApiProperty({ minimum: 0, maximum: 100 }) percent!: number;
  @ApiProperty({ enum: ['agency', 'default'], description: "The agency's own rate, or the platform default" }) source!: SamplingRate['source'];
}

export class FollowUpView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) surveyId!: string;
  @ApiProperty({ enum: SERVICE_TYPES }) serviceType!: ServiceType;
  @ApiProperty() instanceId!: string;
  @ApiProperty() party!: string;
  @ApiProperty({ description: 'The person served, to contact' }) respondentId!: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) overall!: number;
  @ApiPropertyOptional() comment?: string;
  @ApiProperty({ enum: FOLLOW_UP_STATUSES }) status!: FollowUpStatus;
  @ApiProperty() openedAt!: string;
  @ApiPropertyOptional() closedAt?: string;
  @ApiPropertyOptional() closedBy?: string;
  @ApiPropertyOptional() note?: string;

  static of(followUp: FollowUp): FollowUpView {
    return {
      id: followUp.id,
      surveyId: followUp.surveyId,
      serviceType: followUp.serviceType,
      instanceId: followUp.instanceId,
      party: partyKey(followUp.party),
      respondentId: followUp.respondentId,
      overall: followUp.overall,
      ...(followUp.comment ? { comment: followUp.comment } : {}),
      status: followUp.status,
      openedAt: followUp.openedAt.toISOString(),
      ...(followUp.closedAt ? { closedAt: followUp.closedAt.toISOString() } : {}),
      ...(followUp.closedBy ? { closedBy: followUp.closedBy } : {}),
      ...(followUp.note ? { note: followUp.note } : {}),
    };
  }
}
