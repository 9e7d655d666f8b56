import { ConfigurationError, checkServiceConfig, loadConfig, serviceEnvironment } from './service-config';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/houqin_maintenance',
  INTERNAL_TOKEN_SECRET: 'a-secret-that-is-at-least-32-characters-long',
  KAFKA_BROKERS: '127.0.0.1:9092, kafka-2:9092',
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    checkServiceConfig('maintenance', loadConfig('maintenance', serviceEnvironment, env));
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems.map((problem) => problem.variable);
    throw error;
  }
  return [];
}

describe('service configuration', () => {
  it('applies defaults and parses lists, numbers and booleans', () => {
    const config = loadConfig('maintenance', serviceEnvironment, { ...valid, PORT: '3102', RUN_MIGRATIONS: 'false' });
    expect(config).toMatchObject({ PORT: 3102, RUN_MIGRATIONS: false, KAFKA_BROKERS: ['127.0.0.1:9092', 'kafka-2:9092'], MESSAGING_TRANSPORT: 'kafka', EVENT_MAX_ATTEMPTS: 5 });
  });

  it('names every bad variable in one error', () => {
    expect(problemsOf({ ...valid, DATABASE_URL: 'mysql://db/x', PORT: 'eighty', INTERNAL_TOKEN_SECRET: 'short' }).sort()).toEqual(['DATABASE_URL', 'INTERNAL_TOKEN_SECRET', 'PORT']);
  });

  it('says which variable is missing', () => {
    expect(() => loadConfig('maintenance', serviceEnvironment, { ...valid, DATABASE_URL: undefined })).toThrow(/DATABASE_URL/);
  });

  it('requires brokers for the Kafka transport but not for the in-process one', () => {
    expect(problemsOf({ ...valid, KAFKA_BROKERS: undefined })).toEqual(['KAFKA_BROKERS']);
    expect(problemsOf({ ...valid, KAFKA_BROKERS: undefined, MESSAGING_TRANSPORT: 'in-process' })).toEqual([]);
  });

  it('refuses a broker list without ports', () => {
    expect(problemsOf({ ...valid, KAFKA_BROKERS: 'kafka' })).toEqual(['KAFKA_BROKERS']);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig('maintenance', serviceEnvironment, { ...valid, LOG_LEVEL: '' }).LOG_LEVEL).toBe('info');
  });
});
