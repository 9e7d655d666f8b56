import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, OneOfParam, OptionalUuidParam, RequestValidationError, UuidParam } from '@houqin/service-kit';
import { CsvCell, toCsv } from '../analytics/domain/csv';
import { textParameter, timeRangeParameter } from '../audit-trail/time-range-parameter';
import { AccountabilityEntryRecord } from './accountability.entity';
import { AccountabilityRecordOf, AccountabilityService } from './accountability.service';
import { ANSWERABLE_PARTY_KINDS, AccountabilitySummary, AnswerablePartyKind, OFFENCE_KINDS, OffenceKind, yuanOf } from './domain/accountability';

const CSV = 'text/csv; charset=utf-8';
const CSV_ANSWER = { description: 'CSV, UTF-8 with a byte-order mark, CRLF line ends; one row per entry, voided ones marked; penalties in yuan and in fen', schema: { type: 'string' } };
const FROM_QUERY = { name: 'from', required: false, description: 'Occurred at or after this instant (with its offset)' };
const TO_QUERY = { name: 'to', required: false, description: 'Occurred before this instant' };

export class AnswerablePartyView {
  @ApiProperty({ enum: ANSWERABLE_PARTY_KINDS }) kind!: AnswerablePartyKind;
  @ApiPropertyOptional() vendorId?: string;
  @ApiPropertyOptional() userId?: string;
  @ApiPropertyOptional() departmentId?: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional({ description: 'Why this party answers, e.g. "assigned the work order"' }) role?: string;
}

export class VoidingView {
  @ApiProperty() at!: string;
  @ApiProperty() by!: string;
  @ApiProperty() reason!: string;
}

export class AccountabilityEntryView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: OFFENCE_KINDS }) kind!: OffenceKind;
  @ApiProperty({ description: 'The complaint, violation or rectification notice' }) offenceId!: string;
  @ApiProperty({ type: AnswerablePartyView }) answerable!: AnswerablePartyView;
  @ApiProperty({ description: "The evaluated party: a vendor id or 'internal-team'" }) party!: string;
  @ApiProperty({ description: "'complaint', 'rectification', or the violation's source (sla-breach, upheld-complaint, manual…)" }) source!: string;
  @ApiPropertyOptional() sourceRef?: string;
  @ApiPropertyOptional() severity?: string;
  @ApiPropertyOptional() penaltyPoints?: number;
  @ApiPropertyOptional({ description: 'Integer fen' }) penaltyAmountFen?: number;
  @ApiPropertyOptional({ description: 'YYYY-MM' }) settlementPeriod?: string;
  @ApiProperty() description!: string;
  @ApiProperty() occurredAt!: string;
  @ApiPropertyOptional() decidedBy?: string;
  @ApiProperty({ description: 'Voided (complaint overturned, violation voided): kept, marked' }) voided!: boolean;
  @ApiPropertyOptional({ type: VoidingView }) voiding?: VoidingView;

  static of(record: AccountabilityEntryRecord): AccountabilityEntryView {
    const optional = <K extends string, V>(key: K, value: V | null) => (value !== null ? ({ [key]: value } as Record<K, V>) : {});
    return {
      id: record.id,
      kind: record.offenceKind as OffenceKind,
      offenceId: record.offenceId,
      answerable: {
        kind: record.answerableKind as AnswerablePartyKind,
        ...optional('vendorId', record.vendorId),
        ...optional('userId', record.userId),
        ...optional('departmentId', record.departmentId),
        ...optional('name', record.answerableName),
        ...optional('role', record.answerableRole),
      },
      party: record.party,
      source: record.source,
      ...optional('sourceRef', record.sourceRef),
      ...optional('severity', record.severity),
      ...optional('penaltyPoints', record.penaltyPoints),
      ...optional('penaltyAmountFen', record.penaltyAmountFen),
      ...optional('settlementPeriod', record.settlementPeriod),
      description: record.description,
      occurredAt: record.occurredAt.toISOString(),
      ...optional('decidedBy', record.decidedBy),
      voided: record.voidedAt !== null,
      ...(record.voidedAt !== null ? { voiding: { at: record.voidedAt.toISOString(), by: record.voidedBy ?? '', reason: record.voidReason ?? '' } } : {}),
    };
  }
}

export class OffenceCountView {
  @ApiProperty() standing!: number;
  @ApiProperty() voided!: number;
}

export class OffenceCountsView {
  @ApiProperty({ type: OffenceCountView, name: 'upheld-complaint' }) 'upheld-complaint'!: OffenceCountView;
  @ApiProperty({ type: OffenceCountView }) violation!: OffenceCountView;
  @ApiProperty({ type: OffenceCountView, name: 'overdue-rectification' }) 'overdue-rectification'!: OffenceCountView;
}

export class AccountabilitySummaryView {
  @ApiProperty() entries!: number;
  @ApiProperty() voided!: number;
  @ApiProperty({ type: OffenceCountsView }) byKind!: OffenceCountsView;
  @ApiProperty({ description: 'Of the standing entries' }) penaltyPoints!: number;
  @ApiProperty({ description: 'Of the standing entries, integer fen' }) penaltyAmountFen!: number;
}

export class PersonRecordView {
  @ApiProperty() userId!: string;
  @ApiProperty({ type: AccountabilitySummaryView }) summary!: AccountabilitySummary;
  @ApiProperty({ type: [AccountabilityEntryView] }) entries!: AccountabilityEntryView[];
}

export class VendorRecordView {
  @ApiProperty() vendorId!: string;
  @ApiProperty({ type: AccountabilitySummaryView }) summary!: AccountabilitySummary;
  @ApiProperty({ type: [AccountabilityEntryView] }) entries!: AccountabilityEntryView[];
}

/** The accountability record (问责): who answered for each upheld complaint, violation and overdue rectification. */
@ApiTags('accountability')
@Controller('accountability')
export class AccountabilityController {
  constructor(private readonly accountability: AccountabilityService) {}

  @Get()
  @ApiQuery({ name: 'vendorId', required: false, description: 'Entries a vendor answers for (its own or its staff’s)' })
  @ApiQuery({ name: 'userId', required: false, description: 'Entries a person answers for (an approving manager, a named person)' })
  @ApiQuery({ name: 'departmentId', required: false })
  @ApiQuery({ name: 'kind', required: false, enum: OFFENCE_KINDS })
  @ApiQuery({ name: 'answerableKind', required: false, enum: ANSWERABLE_PARTY_KINDS })
  @ApiQuery(FROM_QUERY)
  @ApiQuery(TO_QUERY)
  @ApiQuery({ name: 'includeVoided', required: false, enum: ['true', 'false'], description: 'Voided entries too, marked (default true)' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000, default: 200 } })
  @ApiOkResponse({ type: [AccountabilityEntryView], description: 'Latest offence first' })
  @ApiBadRequestResponse({ description: 'a filter malformed; to not after from' })
  @ApiNotFoundResponse({ description: "a vendor account asking for another vendor's entries" })
  async list(
    @CurrentCaller() caller: Caller,
    @Query('vendorId', OptionalUuidParam) vendorId: string | undefined,
    @Query('userId') userId: unknown,
    @Query('departmentId', OptionalUuidParam) departmentId: string | undefined,
    @Query('kind', new OneOfParam<OffenceKind>(OFFENCE_KINDS)) kind: OffenceKind | undefined,
    @Query('answerableKind', new OneOfParam<AnswerablePartyKind>(ANSWERABLE_PARTY_KINDS)) answerableKind: AnswerablePartyKind | undefined,
    @Query('from') from: unknown,
    @Query('to') to: unknown,
    @Query('includeVoided', new OneOfParam(['true', 'false'] as const)) includeVoided: 'true' | 'false' | undefined,
    @Query('limit', new IntegerParam({ min: 1, max: 1000, default: 200 })) limit: number,
  ): Promise<AccountabilityEntryView[]> {
    const records = await this.accountability.list(caller, {
      vendorId,
      userId: textParameter('userId', userId, 128),
      departmentId,
      kind,
      answerableKind,
      ...timeRangeParameter(from, to),
      includeVoided: includeVoided !== 'false',
      limit,
    });
    return records.map(AccountabilityEntryView.of);
  }

  @Get('people/:userId')
  @ApiQuery(FROM_QUERY)
  @ApiQuery(TO_QUERY)
  @ApiOkResponse({ type: PersonRecordView, description: "A person's record: counts by kind, standing points and amounts, and every entry" })
  @ApiNotFoundResponse({ description: "someone else's record asked for by a person who reads only their own" })
  async person(@CurrentCaller() caller: Caller, @Param('userId') userId: string, @Query('from') from: unknown, @Query('to') to: unknown): Promise<PersonRecordView> {
    const id = userIdParameter(userId);
    const record = await this.accountability.ofPerson(caller, id, timeRangeParameter(from, to));
    return { userId: id, summary: record.summary, entries: record.entries.map(AccountabilityEntryView.of) };
  }

  @Get('vendors/:vendorId')
  @ApiQuery(FROM_QUERY)
  @ApiQuery(TO_QUERY)
  @ApiOkResponse({ type: VendorRecordView, description: "A vendor's record: counts by kind, standing points and amounts, and every entry" })
  @ApiNotFoundResponse({ description: "another vendor's record asked for by a vendor account" })
  async vendor(@CurrentCaller() caller: Caller, @Param('vendorId', UuidParam) vendorId: string, @Query('from') from: unknown, @Query('to') to: unknown): Promise<VendorRecordView> {
    const record = await this.accountability.ofVendor(caller, vendorId, timeRangeParameter(from, to));
    return { vendorId, summary: record.summary, entries: record.entries.map(AccountabilityEntryView.of) };
  }

  @Get('people/:userId/export')
  @Header('Content-Type', CSV)
  @Header('Content-Disposition', 'attachment; filename="accountability-person.csv"')
  @ApiProduces('text/csv')
  @ApiQuery(FROM_QUERY)
  @ApiQuery(TO_QUERY)
  @ApiOkResponse(CSV_ANSWER)
  @ApiNotFoundResponse({ description: "someone else's record asked for by a person who reads only their own" })
  async personExport(@CurrentCaller() caller: Caller, @Param('userId') userId: string, @Query('from') from: unknown, @Query('to') to: unknown): Promise<string> {
    return recordCsv(await this.accountability.ofPerson(caller, userIdParameter(userId), timeRangeParameter(from, to)));
  }

  @Get('vendors/:vendorId/export')
  @Header('Content-Type', CSV)
  @Header('Content-Disposition', 'attachment; filename="accountability-vendor.csv"')
  @ApiProduces('text/csv')
  @ApiQuery(FROM_QUERY)
  @ApiQuery(TO_QUERY)
  @ApiOkResponse(CSV_ANSWER)
  @ApiNotFoundResponse({ description: "another vendor's record asked for by a vendor account" })
  async vendorExport(@CurrentCaller() caller: Caller, @Param('vendorId', UuidParam) vendorId: string, @Query('from') from: unknown, @Query('to') to: unknown): Promise<string> {
    return recordCsv(await this.accountability.ofVendor(caller, vendorId, timeRangeParameter(from, to)));
  }
}

function userIdParameter(value: string): string {
  if (value.length === 0 || value.length > 128) throw new RequestValidationError([{ field: 'userId', rule: 'isString', message: 'userId must be 1 to 128 characters' }]);
  return value;
}

const CSV_HEADER = [
  'occurred at',
  'kind',
  'offence',
  'answerable',
  'vendor',
  'user',
  'department',
  'name',
  'role',
  'party',
  'source',
  'source ref',
  'severity',
  'penalty points',
  'penalty (yuan)',
  'penalty (fen)',
  'settlement period',
  'description',
  'decided by',
  'voided at',
  'voided by',
  'void reason',
];

function recordCsv(record: AccountabilityRecordOf): string {
  const rows: CsvCell[][] = record.entries.map((entry) => [
    entry.occurredAt.toISOString(),
    entry.offenceKind,
    entry.offenceId,
    entry.answerableKind,
    entry.vendorId,
    entry.userId,
    entry.departmentId,
    entry.answerableName,
    entry.answerableRole,
    entry.party,
    entry.source,
    entry.sourceRef,
    entry.severity,
    entry.penaltyPoints,
    entry.penaltyAmountFen !== null ? yuanOf(entry.penaltyAmountFen) : null,
    entry.penaltyAmountFen,
    entry.settlementPeriod,
    entry.description,
    entry.decidedBy,
    entry.voidedAt?.toISOString(),
    entry.voidedBy,
    entry.voidReason,
  ]);
  return toCsv(CSV_HEADER, rows);
}
