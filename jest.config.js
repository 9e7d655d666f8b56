// Three tiers (see docs/testing.md): unit tests of pure code, integration tests against the real
// PostgreSQL / Kafka / Redis of the machine, and end-to-end tests of services as OS processes.
const preset = require('./jest.preset');

module.exports = {
  projects: [
    { ...preset, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    { ...preset, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs,tools,test}/**/*.int-spec.ts'], slowTestThreshold: 30, setupFilesAfterEnv: ['<rootDir>/test/jest-setup-slow.ts'] },
    { ...preset, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'], slowTestThreshold: 120, setupFilesAfterEnv: ['<rootDir>/test/jest-setup-slow.ts'] },
    { ...preset, displayName: 'fault', testMatch: ['<rootDir>/test/fault/**/*.fault-spec.ts'], slowTestThreshold: 120, setupFilesAfterEnv: ['<rootDir>/test/jest-setup-slow.ts'] },
  ],
};
