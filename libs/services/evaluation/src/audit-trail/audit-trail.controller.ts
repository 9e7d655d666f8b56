import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, RequestValidationError } from '@houqin/service-kit';
import { AuditEntryRecord } from './audit-entry.entity';
import { AuditTrailService } from './audit-trail.service';

export class AuditEntryView {
  @ApiProperty() sequence!: number;
  @ApiProperty() eventId!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty({ description: 'Aggregate the event is about' }) subject!: string;
  @ApiProperty() correlationId!: string;
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
      occurredAt: record.occurredAt.toISOString(),
      recordedAt: record.recordedAt.toISOString(),
      payload: record.payload,
      hash: record.hash,
    };
  }
}

export class ChainVerificationView {
  @ApiProperty() intact!: boolean;
  @ApiProperty() entries!: number;
  @ApiPropertyOptional() brokenAtSequence?: number;
  @ApiPropertyOptional() reason?: string;
}

@ApiTags('audit trail')
@Controller('audit-trail')
export class AuditTrailController {
  constructor(private readonly auditTrail: AuditTrailService) {}

  @Get()
  @ApiQuery({ name: 'subject', required: false, description: 'Only entries about this aggregate id' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } })
  @ApiOkResponse({ type: [AuditEntryView] })
  async entries(
    @CurrentCaller() caller: Caller,
    @Query('subject') subject: unknown,
    @Query('limit', new IntegerParam({ min: 1, max: 500, default: 100 })) limit: number,
  ): Promise<AuditEntryView[]> {
    if (subject !== undefined && (typeof subject !== 'string' || subject.length === 0 || subject.length > 200)) {
      throw new RequestValidationError([{ field: 'subject', rule: 'isString', message: 'subject must be one string of 1 to 200 characters' }]);
    }
    const records = await this.auditTrail.entries(caller, { limit, ...(typeof subject === 'string' ? { subject } : {}) });
    return records.map(AuditEntryView.of);
  }

  @Get('verification')
  @ApiOkResponse({ type: ChainVerificationView, description: "Recomputes the agency's hash chain" })
  verify(@CurrentCaller() caller: Caller): Promise<ChainVerificationView> {
    return this.auditTrail.verify(caller);
  }
}
