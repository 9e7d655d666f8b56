import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ENTRY_KINDS, EntryKind, LedgerEntry, MAX_MOVEMENT_FEN, MAX_OVERDRAFT_FEN, MealAccount, SubsidyRule } from './domain/ledger';

export class OpenMealAccountDto {
  @ApiProperty({ description: 'The staff member (user id) the account is for', example: 'staff-wang' })
  @IsString()
  @Length(1, 128)
  staffId!: string;

  @ApiProperty({ description: 'Staff category the subsidy rules read (e.g. 在编, 聘用, 退休)', example: 'civil-servant' })
  @IsString()
  @Length(1, 64)
  staffCategory!: string;

  @ApiPropertyOptional({ description: 'How far below zero a charge may take the balance, in fen', minimum: 0, maximum: MAX_OVERDRAFT_FEN, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_OVERDRAFT_FEN)
  overdraftLimitFen?: number;
}

class MovementDto {
  @ApiProperty({ description: 'Whole fen', minimum: 1, maximum: MAX_MOVEMENT_FEN, example: 5_000 })
  @IsInt()
  @Min(1)
  @Max(MAX_MOVEMENT_FEN)
  amountFen!: number;

  @ApiProperty({ description: 'The same key again is the same movement: a retried request is never applied twice', example: 'counter-3:2026-12-07:0042' })
  @IsString()
  @Length(1, 200)
  idempotencyKey!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class TopUpDto extends MovementDto {}

export class ChargeDto extends MovementDto {
  @ApiPropertyOptional({ description: 'What the charge is for' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;
}

export class RefundDto extends MovementDto {
  @ApiProperty({ description: 'The charge refunded (at most what is left of it)', format: 'uuid' })
  @IsUUID()
  refundsEntryId!: string;
}

export class SubsidyRuleDto {
  @ApiProperty({ example: 'civil-servant' })
  @IsString()
  @Length(1, 64)
  staffCategory!: string;

  @ApiProperty({ description: 'Credited on the first sweep of each month (China Standard Time), in fen', minimum: 0, maximum: MAX_MOVEMENT_FEN, example: 30_000 })
  @IsInt()
  @Min(0)
  @Max(MAX_MOVEMENT_FEN)
  monthlyFen!: number;
}

export class SubsidyRulesDto {
  @ApiProperty({ type: [SubsidyRuleDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SubsidyRuleDto)
  rules!: SubsidyRuleDto[];
}

export class SubsidyRuleView {
  @ApiProperty() staffCategory!: string;
  @ApiProperty() monthlyFen!: number;

  static of(rule: SubsidyRule): SubsidyRuleView {
    return { staffCategory: rule.staffCategory, monthlyFen: rule.monthlyFen };
  }
}

export class MealAccountView {
  @ApiProperty() staffId!: string;
  @ApiProperty() staffCategory!: string;
  @ApiProperty({ description: 'What the staff member can spend: the sum of the ledger entries, in fen (the holds of booked meals count against it)' }) balanceFen!: number;
  @ApiProperty({ description: 'Of the balance, what the holds (预授权冻结) of meals booked and not yet served or cancelled keep back, in fen' }) heldFen!: number;
  @ApiProperty() overdraftLimitFen!: number;
  @ApiPropertyOptional({ description: 'The last month (YYYY-MM) whose subsidy was credited' }) subsidisedThrough?: string;
  @ApiProperty() openedAt!: string;

  static of(account: MealAccount, balanceFen: number, heldFen: number): MealAccountView {
    return {
      staffId: account.staffId,
      staffCategory: account.staffCategory,
      balanceFen,
      heldFen,
      overdraftLimitFen: account.overdraftLimitFen,
      ...(account.subsidisedThrough ? { subsidisedThrough: account.subsidisedThrough } : {}),
      openedAt: account.openedAt.toISOString(),
    };
  }
}

export class LedgerEntryView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ENTRY_KINDS, description: 'top-up, subsidy and refund in; charge out; hold (预授权冻结) out when a meal is booked, release (解冻) in when it is cancelled or settled' }) kind!: EntryKind;
  @ApiProperty({ description: 'Signed, in fen: positive in, negative out' }) amountFen!: number;
  @ApiProperty() idempotencyKey!: string;
  @ApiPropertyOptional() reference?: string;
  @ApiPropertyOptional() note?: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() recordedAt!: string;

  static of(entry: LedgerEntry): LedgerEntryView {
    return {
      id: entry.id,
      kind: entry.kind,
      amountFen: entry.amountFen,
      idempotencyKey: entry.idempotencyKey,
      ...(entry.reference ? { reference: entry.reference } : {}),
      ...(entry.note ? { note: entry.note } : {}),
      recordedBy: entry.recordedBy,
      recordedAt: entry.recordedAt.toISOString(),
    };
  }
}

export class MovementResultView {
  @ApiProperty({ type: LedgerEntryView }) entry!: LedgerEntryView;
  @ApiProperty({ description: 'The balance after the movement, in fen' }) balanceFen!: number;
  @ApiProperty({ description: 'True when the idempotency key had been used for this very movement: nothing changed' }) replayed!: boolean;

  static of(result: { entry: LedgerEntry; balanceFen: number; replayed: boolean }): MovementResultView {
    return { entry: LedgerEntryView.of(result.entry), balanceFen: result.balanceFen, replayed: result.replayed };
  }
}
