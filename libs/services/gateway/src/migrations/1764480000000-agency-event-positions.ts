import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live stream's ids become positions in each agency's own log (1, 2, 3, …), so a client that
 * sees a gap knows it missed events. The counter lives apart from the log: retention deletes old
 * events, never a position. Events already logged are numbered per agency in their order.
 */
export class AgencyEventPositions1764480000000 implements MigrationInterface {
  name = 'AgencyEventPositions1764480000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE agency_event ADD COLUMN position bigint`);
    await queryRunner.query(`
      UPDATE agency_event AS e SET position = numbered.position
        FROM (SELECT seq, row_number() OVER (PARTITION BY agency_id ORDER BY seq) AS position FROM agency_event) AS numbered
       WHERE e.seq = numbered.seq`);
    await queryRunner.query(`ALTER TABLE agency_event ALTER COLUMN position SET NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX agency_event_agency_position ON agency_event (agency_id, position)`);
    await queryRunner.query(`DROP INDEX agency_event_agency_seq`);
    await queryRunner.query(`
      CREATE TABLE agency_event_position (
        agency_id      text PRIMARY KEY,
        last_position  bigint NOT NULL
      )`);
    await queryRunner.query(`INSERT INTO agency_event_position (agency_id, last_position) SELECT agency_id, max(position) FROM agency_event GROUP BY agency_id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE agency_event_position`);
    await queryRunner.query(`CREATE INDEX agency_event_agency_seq ON agency_event (agency_id, seq)`);
    await queryRunner.query(`DROP INDEX agency_event_agency_position`);
    await queryRunner.query(`ALTER TABLE agency_event DROP COLUMN position`);
  }
}
