import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface LoggedEvent {
  seq: string;
  type: string;
  /** The CloudEvent as JSON. */
  json: string;
}

/** Reads of the agency event log (the intake writes it, in the consumer's transaction). */
@Injectable()
export class AgencyEventLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Where a stream without Last-Event-ID starts: after the agency's newest committed event. */
  async latestSeq(agencyId: string): Promise<string> {
    const [row] = (await this.dataSource.query(`SELECT coalesce(max(seq), 0)::text AS seq FROM agency_event WHERE agency_id = $1`, [agencyId])) as Array<{ seq: string }>;
    return row?.seq ?? '0';
  }

  /** The agency's events after `afterSeq`, oldest first, optionally of some types only. */
  async readAfter(agencyId: string, afterSeq: string, types: readonly string[] | undefined, limit: number): Promise<LoggedEvent[]> {
    const rows = (await this.dataSource.query(
      `SELECT seq::text AS seq, type, envelope
         FROM agency_event
        WHERE agency_id = $1 AND seq > $2::bigint ${types ? 'AND type = ANY($4::text[])' : ''}
        ORDER BY seq
        LIMIT $3`,
      types ? [agencyId, afterSeq, limit, types] : [agencyId, afterSeq, limit],
    )) as Array<{ seq: string; type: string; envelope: unknown }>;
    return rows.map((row) => ({ seq: row.seq, type: row.type, json: JSON.stringify(row.envelope) }));
  }
}
