import { commentFrame, eventFrame, parseLastEventId, retryFrame } from './sse-frame';

describe('server-sent event frames', () => {
  it('frames an event as id, event and data lines ending with a blank line', () => {
    expect(eventFrame({ id: '42', event: 'houqin.maintenance.repair-request.reported.v1', data: '{"id":"e-1"}' })).toBe(
      'id: 42\nevent: houqin.maintenance.repair-request.reported.v1\ndata: {"id":"e-1"}\n\n',
    );
  });

  it('splits data with line breaks into several data lines', () => {
    expect(eventFrame({ id: '1', event: 't', data: 'a\nb\r\nc' })).toBe('id: 1\nevent: t\ndata: a\ndata: b\ndata: c\n\n');
  });

  it('refuses a line break in the id or the event name', () => {
    expect(() => eventFrame({ id: '1\n2', event: 't', data: '' })).toThrow();
  });

  it('writes heartbeats as comments, which clients ignore', () => {
    expect(commentFrame('heartbeat')).toBe(': heartbeat\n\n');
  });

  it('tells EventSource how long to wait before reconnecting', () => {
    expect(retryFrame(5000)).toBe('retry: 5000\n\n');
  });

  it('reads Last-Event-ID as the seq after which to resume', () => {
    expect(parseLastEventId(undefined)).toEqual({ kind: 'none' });
    expect(parseLastEventId('')).toEqual({ kind: 'none' });
    expect(parseLastEventId('0042')).toEqual({ kind: 'after', seq: '42' });
    expect(parseLastEventId('-1')).toEqual({ kind: 'invalid' });
    expect(parseLastEventId('abc')).toEqual({ kind: 'invalid' });
    expect(parseLastEventId('1'.repeat(19))).toEqual({ kind: 'invalid' });
  });
});
