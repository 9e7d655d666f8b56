import { createdByAnother } from './kafka-config';

/**
 * Services and the gateway starting together race to create the same topics; losing the race is
 * not a failure. (The race itself shows on a fresh broker: the e2e suite starts every process at
 * once against CI's new broker.)
 */
describe('createdByAnother', () => {
  it('tells topics that exist already from a real failure to create them', () => {
    expect(createdByAnother({ type: 'TOPIC_ALREADY_EXISTS' })).toBe(true);
    expect(createdByAnother({ errors: [{ type: 'TOPIC_ALREADY_EXISTS' }, { type: 'TOPIC_ALREADY_EXISTS' }] })).toBe(true);
    expect(createdByAnother({ errors: [{ type: 'TOPIC_ALREADY_EXISTS' }, { type: 'INVALID_REPLICATION_FACTOR' }] })).toBe(false);
    expect(createdByAnother(new Error('connection refused'))).toBe(false);
  });
});
