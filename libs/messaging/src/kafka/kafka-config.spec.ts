import { logLevel } from 'kafkajs';
import { createdByAnother, kafkaLogTarget } from './kafka-config';

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

/**
 * A clean start on a fresh broker must not print errors a newcomer takes for a failure: kafkajs
 * logs the broker's answers while leaders and coordinators are elected as errors, then retries.
 */
describe('kafkaLogTarget', () => {
  // As kafkajs's Connection logs a request the broker refused.
  const refused = (error: string) => ({ namespace: 'Connection', message: 'Response Produce(key: 0, version: 7)', broker: '127.0.0.1:9092', clientId: 'maintenance', error, correlationId: 3, size: 62 });

  it('keeps the retried answers of a cluster still electing its leaders and coordinators out of the error log', () => {
    expect(kafkaLogTarget(logLevel.ERROR, refused('This server is not the leader for that topic-partition'))).toBe('debug');
    expect(kafkaLogTarget(logLevel.ERROR, refused('There is no leader for this topic-partition as we are in the middle of a leadership election'))).toBe('debug');
    expect(kafkaLogTarget(logLevel.ERROR, refused('The group coordinator is not available'))).toBe('debug');
    expect(kafkaLogTarget(logLevel.ERROR, refused('This server does not host this topic-partition'))).toBe('debug');
    // The producer and the consumer group, before they refresh metadata and retry.
    expect(kafkaLogTarget(logLevel.ERROR, { message: 'Failed to send messages: This server is not the leader for that topic-partition', retryCount: 0, retryTime: 292 })).toBe('debug');
    expect(kafkaLogTarget(logLevel.WARN, { message: 'Consumer is not aware of all assigned partitions, refreshing metadata' })).toBe('debug');
    expect(kafkaLogTarget(logLevel.WARN, { message: 'The topic houqin.maintenance.work-order has partitions the consumer does not know yet, resync group' })).toBe('debug');
  });

  it('keeps the notice about the producer retries the outbox relay bounds on purpose out of the warnings', () => {
    expect(kafkaLogTarget(logLevel.WARN, { message: 'Limiting retries for the idempotent producer may invalidate EoS guarantees' })).toBe('debug');
  });

  it('still reports what an operator must act on', () => {
    expect(kafkaLogTarget(logLevel.ERROR, refused('Not authorized to access topics: [Topic authorization failed]'))).toBe('error');
    expect(kafkaLogTarget(logLevel.ERROR, { message: 'Connection error: connect ECONNREFUSED 127.0.0.1:9092', error: undefined })).toBe('error');
    expect(kafkaLogTarget(logLevel.ERROR, { message: '[Consumer] Crash: KafkaJSNumberOfRetriesExceeded: This server is not the leader for that topic-partition' })).toBe('error');
    expect(kafkaLogTarget(logLevel.ERROR, { message: 'Failed to send messages: Not authorized to access topics: [Topic authorization failed]' })).toBe('error');
    expect(kafkaLogTarget(logLevel.WARN, { message: 'The group is rebalancing, re-joining' })).toBe('warn');
  });
});
