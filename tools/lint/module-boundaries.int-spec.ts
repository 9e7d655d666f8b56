import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The architecture's rules are enforced by lint, so this proves the lint configuration still bites:
 * each probe file below is a violation (or, for the composition root, explicitly allowed). The
 * probes are written into the tree, linted in one ESLint run exactly as `npm run lint` does, and
 * removed again.
 */
const root = path.resolve(__dirname, '../..');

const probes = {
  serviceImportsService: ['libs/services/maintenance/src/__boundary_probe__.ts', "import { evaluationService } from '@houqin/evaluation';\nexport const probe = evaluationService;\n"],
  appImportsApp: ['apps/maintenance/src/__boundary_probe__.ts', "import { gatewayService } from '@houqin/gateway';\nexport const probe = gatewayService;\nexport * from '../../evaluation/src/main';\n"],
  domainImportsNest: ['libs/services/maintenance/src/repair-requests/domain/__boundary_probe__.ts', "import { Injectable } from '@nestjs/common';\nexport const probe = Injectable;\n"],
  kernelImportsTypeorm: ['libs/domain/src/__boundary_probe__.ts', "import { Entity } from 'typeorm';\nexport const probe = Entity;\n"],
  sharedImportsService: ['libs/messaging/src/__boundary_probe__.ts', "import { maintenanceService } from '@houqin/maintenance';\nexport const probe = maintenanceService;\n"],
  compositionRoot: ['apps/platform/src/__boundary_probe__.ts', "import { maintenanceService } from '@houqin/maintenance';\nimport { evaluationService } from '@houqin/evaluation';\nexport const probe = [maintenanceService, evaluationService];\n"],
} as const;

type Probe = keyof typeof probes;
const findings = {} as Record<Probe, string[]>;

describe('module boundaries', () => {
  beforeAll(() => {
    for (const [file, code] of Object.values(probes)) writeFileSync(path.join(root, file), code);
    try {
      // The boundary rule reads Nx's project graph; computing it first makes it available to ESLint.
      execFileSync(process.execPath, [path.join(root, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'], { cwd: root, env: { ...process.env, NX_DAEMON: 'false' }, stdio: 'ignore' });
      let output: string;
      try {
        output = execFileSync(process.execPath, [path.join(root, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', ...Object.values(probes).map(([file]) => file)], {
          cwd: root,
          encoding: 'utf8',
          maxBuffer: 16 * 1024 * 1024,
        });
      } catch (error) {
        output = String((error as { stdout?: string }).stdout ?? '');
      }
      const results = JSON.parse(output) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; message: string }> }>;
      for (const [name, [file]] of Object.entries(probes) as Array<[Probe, readonly [string, string]]>) {
        const result = results.find((candidate) => candidate.filePath === path.join(root, file));
        findings[name] = (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
      }
    } finally {
      for (const [file] of Object.values(probes)) rmSync(path.join(root, file), { force: true });
    }
  });

  it('forbids a service from importing another service', () => {
    expect(findings.serviceImportsService.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
  });

  it('forbids an app from importing another app or the gateway into a business service', () => {
    expect(findings.appImportsApp.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
    expect(findings.appImportsApp.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps domain code free of Nest and TypeORM', () => {
    expect(findings.domainImportsNest.join('\n')).toMatch(/no-restricted-imports: .*Domain code is pure TypeScript/);
    expect(findings.kernelImportsTypeorm.join('\n')).toMatch(/no-restricted-imports: .*Domain code is pure TypeScript/);
  });

  it('forbids shared libraries from reaching into services', () => {
    expect(findings.sharedImportsService.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
  });

  it('lets the single-process composition root import every service', () => {
    expect(findings.compositionRoot).toEqual([]);
  });
});
