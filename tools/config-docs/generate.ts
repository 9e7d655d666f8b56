/**
 * Writes docs/configuration.md, the environment variables of every kind of Houqin process, from
 * the zod schemas the processes validate their environment with (`.describe()` texts, defaults,
 * allowed values). Run `npm run config-docs`: it compiles apps, libs and tools with swc into dist/
 * and runs `node dist/tools/config-docs/generate.js`. A unit test (config-docs.spec.ts) fails when
 * the committed document differs from what this renders.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { cateringEnvironment } from '@houqin/catering';
import { evaluationEnvironment } from '@houqin/evaluation';
import { gatewayEnvironment } from '@houqin/gateway';
import { maintenanceEnvironment } from '@houqin/maintenance';
import { procurementEnvironment } from '@houqin/procurement';
import { transportEnvironment } from '@houqin/transport';
import { coreEnvironment, serviceEnvironment } from '@houqin/service-kit';
import { platformEnvironment } from '../../apps/platform/src/platform';
import { findRepoRoot } from '../asyncapi/generate';

export const CONFIGURATION_DOC_PATH = 'docs/configuration.md';
export const CONFIGURATION_DOC_HEADER = '<!-- Generated from the configuration schemas by `npm run config-docs`. Do not edit. -->';

type Shape = Record<string, z.ZodType>;

export interface DocumentedVariable {
  name: string;
  /** `required`, `optional`, or the default value. */
  requirement: { kind: 'required' } | { kind: 'optional' } | { kind: 'default'; value: unknown };
  description: string;
  allowedValues?: string[];
}

export interface ConfigurationSection {
  title: string;
  intro: string[];
  variables: DocumentedVariable[];
}

/**
 * Peels `.default()` / `.optional()` off a variable's schema, noting which was there — also when
 * it sits inside a pipe (`.default('').transform(...)`: a list that defaults to none).
 */
function requirementOf(schema: z.ZodType): { requirement: DocumentedVariable['requirement']; inner: z.ZodType } {
  if (schema instanceof z.ZodPipe) {
    const { requirement } = requirementOf(schema.in as z.ZodType);
    if (requirement.kind !== 'required') return { requirement, inner: schema };
  }
  if (schema instanceof z.ZodDefault) {
    return { requirement: { kind: 'default', value: (schema._zod.def as { defaultValue: unknown }).defaultValue }, inner: schema.unwrap() as z.ZodType };
  }
  if (schema instanceof z.ZodOptional) return { requirement: { kind: 'optional' }, inner: schema.unwrap() as z.ZodType };
  return { requirement: { kind: 'required' }, inner: schema };
}

/** The values an enum accepts, also when the enum feeds a transform (the boolean variables). */
function allowedValuesOf(schema: z.ZodType): string[] | undefined {
  if (schema instanceof z.ZodEnum) {
    // Integer-like keys come first in JavaScript objects; list words before digits as declared otherwise.
    const values = (schema.options as Array<string | number>).map(String);
    return [...values.filter((value) => !/^\d+$/.test(value)), ...values.filter((value) => /^\d+$/.test(value))];
  }
  if (schema instanceof z.ZodPipe) return allowedValuesOf(schema.in as z.ZodType);
  return undefined;
}

/** A description on the variable itself, or on the schema inside its default/optional wrapper. */
function descriptionOf(schema: z.ZodType, inner: z.ZodType): string {
  return (schema.description ?? inner.description ?? '').trim();
}

function documented(shape: Shape, fallbacks: Shape[] = []): DocumentedVariable[] {
  return Object.entries(shape).map(([name, schema]) => {
    const { requirement, inner } = requirementOf(schema);
    let description = descriptionOf(schema, inner);
    // A platform variable handed on to the processes it starts means what it means there.
    for (const fallback of fallbacks) {
      if (description) break;
      const other = fallback[name];
      if (other) description = descriptionOf(other, requirementOf(other).inner);
    }
    const allowedValues = allowedValuesOf(inner);
    return { name, requirement, description, ...(allowedValues ? { allowedValues } : {}) };
  });
}

/** The sections of docs/configuration.md, in order. */
export function configurationSections(): ConfigurationSection[] {
  const core = coreEnvironment.shape as unknown as Shape;
  const service = serviceEnvironment.shape as unknown as Shape;
  const gateway = gatewayEnvironment.shape as unknown as Shape;
  const platform = platformEnvironment.shape as unknown as Shape;
  const procurement = procurementEnvironment.shape as unknown as Shape;
  const maintenance = maintenanceEnvironment.shape as unknown as Shape;
  const catering = cateringEnvironment.shape as unknown as Shape;
  const transport = transportEnvironment.shape as unknown as Shape;
  const evaluation = evaluationEnvironment.shape as unknown as Shape;
  const serviceOnly = Object.fromEntries(Object.entries(service).filter(([name]) => !(name in core)));
  return [
    {
      title: 'Every process (gateway and services)',
      intro: ['Source: `coreEnvironment` in `libs/service-kit/src/config/service-config.ts`.'],
      variables: documented(core),
    },
    {
      title: 'Business services (procurement, maintenance, catering, transport, evaluation)',
      intro: [
        'In addition to the variables every process reads. Source: `serviceEnvironment` in `libs/service-kit/src/config/service-config.ts`.',
        'Checked together at start as well: `KAFKA_BROKERS` is required when `MESSAGING_TRANSPORT=kafka`; `KAFKA_SASL_USERNAME` and `KAFKA_SASL_PASSWORD` are required when `KAFKA_SASL_MECHANISM` is set.',
      ],
      variables: documented(serviceOnly),
    },
    {
      title: 'Gateway',
      intro: ['In addition to the variables every process reads. Source: `gatewayEnvironment` in `libs/services/gateway/src/gateway.config.ts`.'],
      variables: documented(gateway),
    },
    {
      title: 'Procurement',
      intro: ['In addition to the variables of every business service. Source: `procurementEnvironment` in `libs/services/procurement/src/procurement.config.ts`.'],
      variables: documented(procurement),
    },
    {
      title: 'Maintenance',
      intro: ['In addition to the variables of every business service. Source: `maintenanceEnvironment` in `libs/services/maintenance/src/maintenance.config.ts`.'],
      variables: documented(maintenance),
    },
    {
      title: 'Catering',
      intro: ['In addition to the variables of every business service. Source: `cateringEnvironment` in `libs/services/catering/src/catering.config.ts`.'],
      variables: documented(catering),
    },
    {
      title: 'Transport',
      intro: ['In addition to the variables of every business service. Source: `transportEnvironment` in `libs/services/transport/src/transport.config.ts`.'],
      variables: documented(transport),
    },
    {
      title: 'Evaluation',
      intro: [
        'In addition to the variables of every business service. Source: `evaluationEnvironment` in `libs/services/evaluation/src/evaluation.config.ts`, one part per capability (`<capability>/<capability>.config.ts`).',
      ],
      variables: documented(evaluation),
    },
    {
      title: 'Single-process platform (`npm start`)',
      intro: [
        'Source: `platformEnvironment` in `apps/platform/src/platform.ts`. The platform reads only these and sets the variables of the services and the gateway it starts itself, so the tables above do not apply to `npm start`. A variable it hands on to those processes is described as they read it.',
        'Secrets left unset are generated on the first start and kept in `secrets.json` in the data directory, so tokens stay valid across restarts. `<SERVICE>_DATABASE_URL` (for example `MAINTENANCE_DATABASE_URL`) points one service at another database.',
      ],
      variables: documented(platform, [service, gateway, procurement]),
    },
  ];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function formatValue(value: unknown): string {
  if (value === '') return 'empty';
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

function requirementCell(variable: DocumentedVariable): string {
  switch (variable.requirement.kind) {
    case 'required':
      return '**required**';
    case 'optional':
      return 'optional';
    case 'default':
      return `default ${formatValue(variable.requirement.value)}`;
  }
}

function descriptionCell(variable: DocumentedVariable): string {
  const allowed = variable.allowedValues ? `; one of ${variable.allowedValues.map((value) => `\`${value}\``).join(', ')}` : '';
  return cell(`${variable.description}${allowed}`);
}

/** The whole document; deterministic for given schemas. */
export function renderConfigurationDoc(): string {
  const lines = [
    CONFIGURATION_DOC_HEADER,
    '',
    '# Configuration',
    '',
    'Every process reads its configuration from environment variables and validates all of them at start. An empty variable counts as unset. A missing or bad value stops the process before it serves anything, with exit code 78 and one message naming every offending variable and the rule it breaks.',
    '',
  ];
  for (const section of configurationSections()) {
    lines.push(`## ${section.title}`, '');
    for (const paragraph of section.intro) lines.push(paragraph, '');
    lines.push('| Variable | Required / default | Description |', '|---|---|---|');
    for (const variable of section.variables) lines.push(`| \`${variable.name}\` | ${requirementCell(variable)} | ${descriptionCell(variable)} |`);
    lines.push('');
  }
  return lines.join('\n');
}

if (require.main === module) {
  const target = join(findRepoRoot(), CONFIGURATION_DOC_PATH);
  writeFileSync(target, renderConfigurationDoc());
  process.stdout.write(`wrote ${target}\n`);
}
