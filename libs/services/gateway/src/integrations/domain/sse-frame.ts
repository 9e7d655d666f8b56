/**
 * Server-sent events framing (WHATWG HTML, "server-sent events"): fields as `name: value` lines, a
 * blank line ends a message, a line starting with `:` is a comment that clients ignore (heartbeats).
 */
export interface StreamedEvent {
  /** The position in the agency's event log; the client sends it back as Last-Event-ID. */
  id: string;
  /** The event type, so that `EventSource.addEventListener(type, …)` can pick types. */
  event: string;
  data: string;
}

const LINE_BREAK = /\r\n|\r|\n/;

/** A value cannot hold a line break: each of its lines becomes a line of its own with the same prefix. */
function lines(prefix: string, value: string): string {
  return value
    .split(LINE_BREAK)
    .map((line) => `${prefix}${line}\n`)
    .join('');
}

function singleLine(name: string, value: string): string {
  if (LINE_BREAK.test(value)) throw new Error(`an SSE ${name} cannot contain a line break`);
  return `${name}: ${value}\n`;
}

export function eventFrame(event: StreamedEvent): string {
  return `${singleLine('id', event.id)}${singleLine('event', event.event)}${lines('data: ', event.data)}\n`;
}

export function commentFrame(text: string): string {
  return `${lines(': ', text)}\n`;
}

/** Tells the browser's EventSource how long to wait before reconnecting. */
export function retryFrame(milliseconds: number): string {
  return `retry: ${Math.max(0, Math.round(milliseconds))}\n\n`;
}

export type LastEventId = { kind: 'none' } | { kind: 'after'; seq: string } | { kind: 'invalid' };

/** The Last-Event-ID header (or `lastEventId` query): the seq of the last event the client saw. */
export function parseLastEventId(raw: string | undefined): LastEventId {
  if (raw === undefined || raw.trim() === '') return { kind: 'none' };
  const value = raw.trim();
  if (!/^\d{1,18}$/.test(value)) return { kind: 'invalid' };
  return { kind: 'after', seq: BigInt(value).toString() };
}
