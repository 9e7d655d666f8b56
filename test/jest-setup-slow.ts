// Integration and end-to-end tiers talk to real PostgreSQL, Kafka and OS processes: give hooks the same budget as tests.
jest.setTimeout(Number(process.env['HOUQIN_TEST_TIMEOUT_MS'] ?? 120_000));
