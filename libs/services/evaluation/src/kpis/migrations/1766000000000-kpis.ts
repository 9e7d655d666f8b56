import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * KPIs (绩效指标): an agency's override of the platform's definitions, one fact row per service
 * instance (work order, receipt, purchase order) folded from events, and the sums of each KPI per
 * party (vendor id or 'internal-team'), service type and period (YYYY-MM, YYYY-Qn, YYYY).
 */
export class Kpis1766000000000 implements MigrationInterface {
  name = 'Kpis1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE kpi_definition_override (
        agency_id     text NOT NULL,
        kpi_code      text NOT NULL,
        service_type  text NOT NULL CHECK (service_type IN ('maintenance', 'procurement', 'catering', 'transport')),
        name          text,
        target        numeric NOT NULL,
        weight        integer NOT NULL CHECK (weight BETWEEN 0 AND 100),
        updated_by    text NOT NULL,
        updated_at    timestamptz NOT NULL,
        PRIMARY KEY (agency_id, kpi_code)
      )`);
    await queryRunner.query(`
      CREATE TABLE kpi_fact (
        agency_id     text NOT NULL,
        service_type  text NOT NULL,
        instance      text NOT NULL,
        fields        jsonb NOT NULL,
        party         text,
        anchor_at     timestamptz,
        measures      jsonb NOT NULL,
        PRIMARY KEY (agency_id, service_type, instance)
      )`);
    await queryRunner.query(`CREATE INDEX kpi_fact_party_anchor ON kpi_fact (agency_id, service_type, party, anchor_at) WHERE anchor_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX kpi_fact_anchor ON kpi_fact (agency_id, anchor_at) WHERE anchor_at IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE kpi_value (
        agency_id     text NOT NULL,
        service_type  text NOT NULL,
        party         text NOT NULL,
        period_key    text NOT NULL,
        period_kind   text NOT NULL CHECK (period_kind IN ('month', 'quarter', 'year')),
        kpi_code      text NOT NULL,
        numerator     numeric NOT NULL,
        denominator   numeric NOT NULL CHECK (denominator > 0),
        sample_size   integer NOT NULL CHECK (sample_size > 0),
        PRIMARY KEY (agency_id, service_type, party, period_key, kpi_code)
      )`);
    await queryRunner.query(`CREATE INDEX kpi_value_period ON kpi_value (agency_id, period_key, service_type)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE kpi_value`);
    await queryRunner.query(`DROP TABLE kpi_fact`);
    await queryRunner.query(`DROP TABLE kpi_definition_override`);
  }
}
