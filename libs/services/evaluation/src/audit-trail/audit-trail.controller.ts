import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, RequestValidationError } from '@houqin/service-kit';
import { AuditEntryRecord } from './audit-entry.entity';
import { AuditTrailService } from './audit-trail.service';
import { CHAIN_PROBLEMS, ChainProblem } from './domain/hash-chain';
import { sequenceParameter, textParameter, timeRangeParameter } from './time-range-parameter';

export class AuditEntryView {
  @ApiProperty() sequence!: number;
  @ApiProperty() eventId!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty({ description: 'Aggregate the event is about' }) subject!: string;
  @ApiProperty() correlationId!: string;
  @ApiPropertyOptional({ description: "Who acted, as the event's data names them (absent for what a machine raised, such as a breached SLA clock)" }) actor?: string;
  @ApiProperty() occurredAt!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ type: Object }) payload!: unknown;
  @ApiProperty() hash!: string;

  static of(record: AuditEntryRecord): AuditEntryView {
    return {
      sequence: record.sequence,
      eventId: record.eventId,
      eventType: record.eventType,
      subject: record.subject,
      correlationId: record.correlationId,
      ...(record.actor !== null ? { actor: record.actor } : {}),
      occurredAt: record.occurredAt.toISOString(),
      recordedAt: record.recordedAt.toISOString(),
      payload: record.payload,
      hash: record.hash,
    };
  }
}

export class SequenceRangeView {
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
}

export class ChainVerificationView {
  @ApiProperty() intact!: boolean;
  @ApiProperty() entries!: number;
  @ApiPropertyOptional({ description: 'The first entry where the chain breaks' }) brokenAtSequence?: number;
  @ApiPropertyOptional({ enum: CHAIN_PROBLEMS, description: 'What is wrong there' }) problem?: ChainProblem;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional({ type: SequenceRangeView, description: 'The entries missing (deleted, or cut from the tail below the head or a published head)' }) missing?: SequenceRangeView;
}

@ApiTags('audit trail')
@Controller('audit-trail')
export class AuditTrailController {
  constructor(private readonly auditTrail: AuditTrailService) {}

  @Get()
  @ApiQuery({ name: 'subject', required: false, description: 'Only entries about this aggregate id (the entity)' })
  @ApiQuery({ name: 'actor', required: false, description: 'Only entries of what this user did' })
  @ApiQuery({ name: 'eventType', required: false, description: 'Only entries of this event type, e.g. houqin.evaluation.violation.recorded.v1' })
  @ApiQuery({ name: 'from', required: false, description: 'Occurred at or after this instant (with its offset)' })
  @ApiQuery({ name: 'to', required: false, description: 'Occurred before this instant' })
  @ApiQuery({ name: 'before', required: false, schema: { type: 'integer', minimum: 1 }, description: 'Cursor, newest first: entries below this sequence (the last one of the page before)' })
  @ApiQuery({ name: 'after', required: false, schema: { type: 'integer', minimum: 0 }, description: 'Cursor, oldest first: entries above this sequence' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } })
  @ApiOkResponse({ type: [AuditEntryView], description: 'Newest first by sequence, or oldest first when `after` is given' })
  @ApiBadRequestResponse({ description: 'a filter malformed, to not after from, before and after together' })
  async entries(
    @CurrentCaller() caller: Caller,
    @Query('subject') subject: unknown,
    @Query('actor') actor: unknown,
    @Query('eventType') eventType: unknown,
    @Query('from') from: unknown,
    @Query('to') to: unknown,
    @Query('before') before: unknown,
    @Query('after') after: unknown,
    @Query('limit', new IntegerParam({ min: 1, max: 500, default: 100 })) limit: number,
  ): Promise<AuditEntryView[]> {
    const type = textParameter('eventType', eventType, 200);
    if (type !== undefined && !/^houqin\.[a-z-]+\.[a-z-]+\.[a-z-]+\.v[1-9][0-9]*$/.test(type)) {
      throw new RequestValidationError([{ field: 'eventType', rule: 'matches', message: 'eventType must be houqin.<service>.<aggregate>.<action>.v<n>' }]);
    }
    const cursor = { before: sequenceParameter('before', before, 1), after: sequenceParameter('after', after, 0) };
    if (cursor.before !== undefined && cursor.after !== undefined) throw new RequestValidationError([{ field: 'after', rule: 'isEmpty', message: 'give before or after, not both' }]);
    const filter = {
      limit,
      subject: textParameter('subject', subject, 200),
      actor: textParameter('actor', actor, 128),
      eventType: type,
      ...timeRangeParameter(from, to),
      ...cursor,
    };
    const records = await this.auditTrail.entries(caller, filter);
    return records.map(AuditEntryView.of);
  }

  @Get('verification')
  @ApiOkResponse({ type: ChainVerificationView, description: "Recomputes the agency's hash chain" })
  verify(@CurrentCaller() caller: Caller): Promise<ChainVerificationView> {
    return this.auditTrail.verify(caller);
  }
}
