import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface LoggedEvent {
  /** The event's position in its agency's log: its SSE id. */
  position: string;
  type: string;
  /** The CloudEvent as JSON. */
  json: string;
}

/** Reads of the agency event log (the intake writes it, in the consumer's transaction). */
@Injectable()
export class AgencyEventLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Where a stream without Last-Event-ID starts: after the agency's newest committed event. */
  async latestPosition(agencyId: string): Promise<string> {
    const [row] = (await this.dataSource.query(`SELECT last_position::text AS position FROM agency_event_position WHERE agency_id = $1`, [agencyId])) as Array<{ position: string }>;
    return row?.position ?? '0';
  }

  /** The agency's events after `afterPosition`, oldest first, optionally of some types only. */
  async readAfter(agencyId: string, afterPosition: string, types: readonly string[] | undefined, limit: number): Promise<LoggedEvent[]> {
    const rows = (await this.dataSource.query(
      `SELECT position::text AS position, type, envelope
         FROM agency_event
        WHERE agency_id = $1 AND position > $2::bigint ${types ? 'AND type = ANY($4::text[])' : ''}
        ORDER BY position
        LIMIT $3`,
      types ? [agencyId, afterPosition, limit, types] : [agencyId, afterPosition, limit],
    )) as Array<{ position: string; type: string; envelope: unknown }>;
    return rows.map((row) => ({ position: row.position, type: row.type, json: JSON.stringify(row.envelope) }));
  }
}
