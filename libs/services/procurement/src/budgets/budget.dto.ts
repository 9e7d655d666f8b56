import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { SERVICE_CATEGORIES, ServiceCategory } from '../vendors/domain/vendor';
import { Budget, MAX_FISCAL_YEAR, MIN_FISCAL_YEAR, available } from './domain/budget';
import { MAX_FEN } from './domain/money';

export class AllocateBudgetDto {
  @ApiProperty({ description: 'Fiscal year (January to December)', example: 2026 })
  @IsInt()
  @Min(MIN_FISCAL_YEAR)
  @Max(MAX_FISCAL_YEAR)
  fiscalYear!: number;

  @ApiProperty({ enum: SERVICE_CATEGORIES, example: 'supplies' })
  @IsIn(SERVICE_CATEGORIES)
  category!: ServiceCategory;

  @ApiProperty({ description: 'Amount allocated, in fen (分, 1/100 yuan): 1,200,000.00 yuan is 120000000', example: 120_000_000 })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  allocated!: number;
}

export class BudgetView {
  @ApiProperty() id!: string;
  @ApiProperty() agencyId!: string;
  @ApiProperty() fiscalYear!: number;
  @ApiProperty({ enum: SERVICE_CATEGORIES }) category!: ServiceCategory;
  @ApiProperty({ description: 'Fen allocated' }) allocated!: number;
  @ApiProperty({ description: 'Fen held by approved requisitions' }) committed!: number;
  @ApiProperty({ description: 'Fen paid on receipts' }) spent!: number;
  @ApiProperty({ description: 'Fen left to commit: allocated − committed − spent (negative only after an authorised override)' }) available!: number;
  @ApiProperty() allocatedBy!: string;
  @ApiProperty() allocatedAt!: string;

  static of(budget: Budget): BudgetView {
    return {
      id: budget.id,
      agencyId: budget.agencyId,
      fiscalYear: budget.fiscalYear,
      category: budget.category,
      allocated: budget.allocated,
      committed: budget.committed,
      spent: budget.spent,
      available: available(budget),
      allocatedBy: budget.allocatedBy,
      allocatedAt: budget.allocatedAt.toISOString(),
    };
  }
}
