import { Controller, Get, Headers, HttpException, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiProduces, ApiQuery, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Caller } from '@houqin/observability';
import { CurrentCaller, PublicRoute, RequestValidationError, problemType } from '@houqin/service-kit';
import { GatewayAccessGuard } from '../access/gateway-access.guard';
import { GatewayRequest } from '../access/gateway-request';
import { checkEventTypes } from './domain/webhook-subscription';
import { parseLastEventId } from './domain/sse-frame';
import { EventStreamHub } from './event-stream.hub';
import { PLATFORM_EVENT_TYPES } from './webhook-subscriptions.service';

/**
 * The caller's agency's events, live, as server-sent events: `id` is the event's position in the
 * agency's event log (1, 2, 3, … per agency: a gap in an unfiltered stream is a missed event),
 * `event` its type, `data` the CloudEvent JSON. Reconnecting with Last-Event-ID (EventSource does
 * it by itself) resumes right after that event.
 */
@ApiTags('events')
@ApiBearerAuth('access-token')
@PublicRoute()
@UseGuards(GatewayAccessGuard)
@Controller('api/v1/events')
export class EventStreamController {
  constructor(private readonly hub: EventStreamHub) {}

  @Get('stream')
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'types', required: false, description: 'Comma-separated event types; default all (for an API key: its event types)' })
  @ApiQuery({ name: 'lastEventId', required: false, description: 'Resume after this event id, for clients that cannot send the Last-Event-ID header' })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: "Resume after this event id (the position in the agency's log of the last event received)" })
  @ApiOkResponse({
    description: "text/event-stream: `id: <position in the agency's log>`, `event: <type>`, `data: <CloudEvent JSON>`; heartbeat comments when idle",
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiServiceUnavailableResponse({ description: 'The replica is shutting down; reconnect' })
  async stream(
    @CurrentCaller() caller: Caller,
    @Req() request: GatewayRequest,
    @Res() response: Response,
    @Query('types') types: unknown,
    @Query('lastEventId') lastEventIdQuery: unknown,
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
  ): Promise<void> {
    const granted = request.apiKey?.eventTypes;
    const requested = typesOf(types);
    const filter = requested ? checkEventTypes(requested, PLATFORM_EVENT_TYPES, { field: 'types', ...(granted ? { granted } : {}) }) : granted;
    const resumeFrom = lastEventIdHeader ?? (typeof lastEventIdQuery === 'string' ? lastEventIdQuery : undefined);
    const lastEventId = parseLastEventId(resumeFrom);
    if (lastEventId.kind === 'invalid' || (lastEventIdQuery !== undefined && typeof lastEventIdQuery !== 'string')) {
      const field = lastEventIdHeader !== undefined ? 'Last-Event-ID' : 'lastEventId';
      throw new RequestValidationError([{ field, rule: 'isSeq', message: `${field} must be the id of an event received from this stream (a non-negative integer)` }]);
    }
    if (!this.hub.isAccepting) {
      throw new HttpException({ type: problemType('unavailable'), title: 'Service Unavailable', status: 503, detail: 'this gateway replica is shutting down; reconnect' }, 503);
    }
    await this.hub.open(response, {
      agencyId: caller.agencyId,
      ...(filter ? { types: filter } : {}),
      ...(lastEventId.kind === 'after' ? { afterPosition: lastEventId.seq } : {}),
    });
  }
}

/** `types=a,b` or `types=a&types=b`; undefined when not given. */
function typesOf(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).filter((part): part is string => typeof part === 'string');
  return parts.flatMap((part) => part.split(',')).map((type) => type.trim()).filter(Boolean);
}
