import { MigrationInterface, QueryRunner } from 'typeorm';

export class Tenders1764600000000 implements MigrationInterface {
  name = 'Tenders1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE vendor_qualification (
        id          uuid PRIMARY KEY,
        agency_id   text NOT NULL,
        vendor_id   uuid NOT NULL REFERENCES vendor (id),
        kind        text NOT NULL,
        number      text NOT NULL,
        category    text NOT NULL CHECK (category IN ('supplies', 'maintenance', 'catering', 'transport', 'cleaning', 'security')),
        issued_on   timestamptz NOT NULL,
        expires_on  timestamptz NOT NULL CHECK (expires_on > issued_on),
        added_by    text NOT NULL,
        added_at    timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX vendor_qualification_vendor ON vendor_qualification (agency_id, vendor_id)`);
    // Sanctions from evaluation: a suspension may be one, and a blacklisting keeps its grounds.
    await queryRunner.query(`
      ALTER TABLE vendor
        ADD COLUMN suspension_by_sanction boolean NOT NULL DEFAULT false,
        ADD COLUMN blacklist_reason       text,
        ADD COLUMN blacklisted_by         text,
        ADD COLUMN blacklisted_at         timestamptz`);
    await queryRunner.query(`
      CREATE TABLE tender (
        id               uuid PRIMARY KEY,
        agency_id        text NOT NULL,
        title            text NOT NULL,
        category         text NOT NULL,
        method           text NOT NULL CHECK (method IN ('request-for-quotation', 'open-tender')),
        requisition_id   uuid,
        budget_ceiling   bigint NOT NULL CHECK (budget_ceiling > 0),
        criteria         jsonb NOT NULL,
        bid_deadline     timestamptz NOT NULL,
        opening_at       timestamptz NOT NULL CHECK (opening_at >= bid_deadline),
        publication_days integer NOT NULL CHECK (publication_days BETWEEN 0 AND 30),
        status           text NOT NULL CHECK (status IN ('draft', 'published', 'opened', 'scored', 'award-proposed', 'award-suspended', 'awarded', 'cancelled')),
        created_by       text NOT NULL,
        created_at       timestamptz NOT NULL,
        published_by     text,
        published_at     timestamptz,
        opened_by        text,
        opened_at        timestamptz,
        details          jsonb NOT NULL,
        version          integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE INDEX tender_agency_created ON tender (agency_id, created_at DESC)`);
    // Price and proposal stay NULL until opening: before it, only the ciphertext and its digest exist.
    await queryRunner.query(`
      CREATE TABLE tender_bid (
        id                 uuid PRIMARY KEY,
        tender_id          uuid NOT NULL REFERENCES tender (id),
        agency_id          text NOT NULL,
        vendor_id          uuid NOT NULL,
        submitted_by       text NOT NULL,
        submitted_at       timestamptz NOT NULL,
        digest             text NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
        sealed_content     text NOT NULL,
        price              bigint,
        technical_proposal text,
        CONSTRAINT tender_bid_one_per_vendor UNIQUE (tender_id, vendor_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE tender_score (
        bid_id    uuid NOT NULL REFERENCES tender_bid (id),
        member_id text NOT NULL,
        tender_id uuid NOT NULL REFERENCES tender (id),
        technical jsonb NOT NULL,
        service   jsonb NOT NULL,
        scored_at timestamptz NOT NULL,
        PRIMARY KEY (bid_id, member_id)
      )`);
    await queryRunner.query(`CREATE INDEX tender_score_tender ON tender_score (tender_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE tender_score`);
    await queryRunner.query(`DROP TABLE tender_bid`);
    await queryRunner.query(`DROP TABLE tender`);
    await queryRunner.query(`ALTER TABLE vendor DROP COLUMN suspension_by_sanction, DROP COLUMN blacklist_reason, DROP COLUMN blacklisted_by, DROP COLUMN blacklisted_at`);
    await queryRunner.query(`DROP TABLE vendor_qualification`);
  }
}
