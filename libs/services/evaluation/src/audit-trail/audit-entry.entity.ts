import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'audit_entry' })
@Index(['agencyId', 'subject'])
export class AuditEntryRecord {
  @PrimaryColumn('text', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('integer')
  sequence!: number;

  @Column('uuid', { name: 'event_id', unique: true })
  eventId!: string;

  @Column('text', { name: 'event_type' })
  eventType!: string;

  @Column('text')
  subject!: string;

  @Column('text', { name: 'correlation_id' })
  correlationId!: string;

  /** Who acted, read from the event's data (domain/actor.ts); outside the hash, derived from the hashed payload. */
  @Column('text', { nullable: true })
  actor!: string | null;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' })
  recordedAt!: Date;

  @Column('jsonb')
  payload!: unknown;

  @Column('text', { name: 'previous_hash' })
  previousHash!: string;

  @Column('text')
  hash!: string;
}

@Entity({ name: 'audit_chain_head' })
export class AuditChainHeadRecord {
  @PrimaryColumn('text', { name: 'agency_id' })
  agencyId!: string;

  @Column('integer', { name: 'last_sequence' })
  lastSequence!: number;

  @Column('text', { name: 'last_hash' })
  lastHash!: string;
}

/** A chain head published outside the database (event and log): the chain may never end below it. */
@Entity({ name: 'audit_chain_publication' })
export class AuditChainPublicationRecord {
  @PrimaryColumn('text', { name: 'agency_id' })
  agencyId!: string;

  @PrimaryColumn('integer')
  sequence!: number;

  @Column('text')
  hash!: string;

  @Column('uuid', { name: 'event_id' })
  eventId!: string;

  @Column('timestamptz', { name: 'published_at' })
  publishedAt!: Date;
}
