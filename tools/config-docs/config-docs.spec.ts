import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { gatewayEnvironment } from '@houqin/gateway';
import { maintenanceEnvironment } from '@houqin/maintenance';
import { procurementEnvironment } from '@houqin/procurement';
import { coreEnvironment, serviceEnvironment } from '@houqin/service-kit';
import { transportEnvironment } from '@houqin/transport';
import { evaluationEnvironment } from '@houqin/evaluation';
import { cateringEnvironment } from '@houqin/catering';
import { platformEnvironment } from '../../apps/platform/src/platform';
import { findRepoRoot } from '../asyncapi/generate';
import { CONFIGURATION_DOC_HEADER, CONFIGURATION_DOC_PATH, configurationSections, renderConfigurationDoc } from './generate';

/**
 * docs/configuration.md is what the configuration schemas generate, and it explains every variable
 * each kind of process reads.
 */

const root = findRepoRoot();

/** Rows of each `## <section>` table of the document: variable name → description cell. */
function tablesOf(markdown: string): Map<string, Map<string, string>> {
  const tables = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of markdown.split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) {
      current = new Map();
      tables.set(heading[1]!, current);
      continue;
    }
    const row = /^\| `([A-Z0-9_]+)` \| [^|]+ \| (.*) \|$/.exec(line);
    if (row && current) current.set(row[1]!, row[2]!.trim());
  }
  return tables;
}

const schemas: Array<{ section: RegExp; label: string; variables: string[] }> = [
  { section: /^Every process/, label: 'coreEnvironment', variables: Object.keys(coreEnvironment.shape) },
  {
    section: /^Business services/,
    label: 'serviceEnvironment',
    variables: Object.keys(serviceEnvironment.shape).filter((name) => !(name in coreEnvironment.shape)),
  },
  { section: /^Gateway/, label: 'gatewayEnvironment', variables: Object.keys(gatewayEnvironment.shape) },
  { section: /^Procurement/, label: 'procurementEnvironment', variables: Object.keys(procurementEnvironment.shape) },
  { section: /^Maintenance/, label: 'maintenanceEnvironment', variables: Object.keys(maintenanceEnvironment.shape) },
  { section: /^Catering/, label: 'cateringEnvironment', variables: Object.keys(cateringEnvironment.shape) },
  { section: /^Transport/, label: 'transportEnvironment', variables: Object.keys(transportEnvironment.shape) },
  { section: /^Evaluation/, label: 'evaluationEnvironment', variables: Object.keys(evaluationEnvironment.shape) },
  { section: /^Single-process platform/, label: 'platformEnvironment', variables: Object.keys(platformEnvironment.shape) },
];

describe('docs/configuration.md', () => {
  const rendered = renderConfigurationDoc();

  it('is what the configuration schemas generate (run `npm run config-docs` after changing a schema)', () => {
    const path = join(root, CONFIGURATION_DOC_PATH);
    const committed = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (committed === rendered) return;
    const hint = `${CONFIGURATION_DOC_PATH} is out of date with the configuration schemas: run \`npm run config-docs\` and commit the result.`;
    if (committed === undefined) throw new Error(`${hint}\n(${CONFIGURATION_DOC_PATH} does not exist)`);
    const a = committed.split('\n');
    const b = rendered.split('\n');
    const line = a.findIndex((text, i) => text !== b[i]);
    const at = line === -1 ? a.length : line;
    throw new Error(`${hint}\nFirst difference at line ${at + 1}:\n  committed: ${JSON.stringify(a[at])}\n  generated: ${JSON.stringify(b[at])}`);
  });

  it('starts with the generated-file notice', () => {
    expect(rendered.startsWith(`${CONFIGURATION_DOC_HEADER}\n`)).toBe(true);
  });

  it('marks required only the variables a process refuses to start without', () => {
    const shapeOf: Array<[RegExp, z.ZodObject]> = [
      [/^Every process/, coreEnvironment],
      [/^Business services/, serviceEnvironment],
      [/^Gateway/, gatewayEnvironment],
      [/^Procurement/, procurementEnvironment],
      [/^Maintenance/, maintenanceEnvironment],
      [/^Catering/, cateringEnvironment],
      [/^Transport/, transportEnvironment],
      [/^Evaluation/, evaluationEnvironment],
      [/^Single-process platform/, platformEnvironment],
    ];
    const wronglyRequired = configurationSections().flatMap((section) => {
      const shape = shapeOf.find(([title]) => title.test(section.title))![1].shape as unknown as Record<string, z.ZodType>;
      return section.variables
        .filter((variable) => variable.requirement.kind === 'required' && shape[variable.name]!.safeParse(undefined).success)
        .map((variable) => `${section.title}: ${variable.name}`);
    });
    expect(wronglyRequired).toEqual([]);
  });

  it.each(schemas.map((schema) => [schema.label, schema] as const))('describes every variable of %s', (label, schema) => {
    const tables = tablesOf(rendered);
    const title = [...tables.keys()].find((key) => schema.section.test(key));
    if (!title) throw new Error(`no section for ${label} in ${CONFIGURATION_DOC_PATH}`);
    const rows = tables.get(title)!;
    const missing = schema.variables.filter((name) => !rows.has(name));
    const undescribed = schema.variables.filter((name) => rows.has(name) && !rows.get(name)!.replace(/;? ?one of (`[^`]*`(, )?)+$/, '').trim());
    const problems = [
      ...(missing.length ? [`not listed: ${missing.join(', ')}`] : []),
      ...(undescribed.length ? [`without a description: ${undescribed.join(', ')} (add .describe('…') to the variable in ${label})`] : []),
    ];
    if (problems.length) throw new Error(`${label} variables undocumented in ${CONFIGURATION_DOC_PATH}: ${problems.join('; ')}`);
    expect([...rows.keys()].sort()).toEqual([...schema.variables].sort());
  });
});
