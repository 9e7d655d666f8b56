import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { systemClock } from '@houqin/domain';
import { evaluationService } from '@houqin/evaluation';
import { serviceDataSourceOptions } from '@houqin/persistence';
import { isPeriodKey, parsePeriod } from '../../libs/services/evaluation/src/kpis/domain/period';
import { KpiDefinitionsRepository } from '../../libs/services/evaluation/src/kpis/kpi-definitions.repository';
import { KpiFactsRepository } from '../../libs/services/evaluation/src/kpis/kpi-facts.repository';
import { KpiValuesRepository } from '../../libs/services/evaluation/src/kpis/kpi-values.repository';
import { KpisService, Recomputation } from '../../libs/services/evaluation/src/kpis/kpis.service';

/**
 * Recomputes an agency's KPIs of a period from scratch, from the audit trail, against evaluation's
 * database, and prints what differed from the incremental values (the same use case as
 * POST /kpis/recomputations):
 *
 *   DATABASE_URL=postgres://…/houqin_evaluation node dist/tools/evaluation/recompute-kpis.js --agency agency-demo --period 2026-Q3
 *
 * Exit code 0 when the stored facts and values were exactly the recomputed ones, 3 when they
 * differed (they are replaced by the recomputation), 2 on bad arguments, 1 on failure.
 */
export interface RecomputeKpisOptions {
  databaseUrl: string;
  agencyId: string;
  period: string;
}

export async function recomputeKpis(options: RecomputeKpisOptions): Promise<Recomputation> {
  const period = parsePeriod(options.period);
  const dataSource = new DataSource(
    serviceDataSourceOptions({
      service: 'evaluation-recompute-kpis',
      url: options.databaseUrl,
      entities: evaluationService.persistence!.entities,
      migrations: [],
      runMigrations: false,
      poolSize: 2,
    }),
  );
  await dataSource.initialize();
  try {
    const definitions = new KpiDefinitionsRepository();
    const service = new KpisService(dataSource, systemClock, definitions, new KpiFactsRepository(), new KpiValuesRepository(definitions));
    return await service.recompute(options.agencyId, period);
  } finally {
    await dataSource.destroy();
  }
}

function argument(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  if (index >= 0) return args[index + 1];
  return args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main(args: readonly string[]): Promise<number> {
  const databaseUrl = argument(args, 'database-url') ?? process.env['DATABASE_URL'];
  const agencyId = argument(args, 'agency');
  const period = argument(args, 'period');
  if (!databaseUrl || !agencyId || !period) {
    process.stderr.write('usage: recompute-kpis --agency <agency id> --period <YYYY-MM|YYYY-Qn|YYYY> [--database-url <evaluation database>] (or DATABASE_URL)\n');
    return 2;
  }
  if (!isPeriodKey(period)) {
    process.stderr.write(`recompute-kpis: period must be YYYY-MM, YYYY-Qn or YYYY, not ${period}\n`);
    return 2;
  }
  const result = await recomputeKpis({ databaseUrl, agencyId, period });
  process.stdout.write(`${JSON.stringify({ ...result, period: result.period.key }, null, 2)}\n`);
  return result.identical ? 0 : 3;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`recompute-kpis failed: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
