/**
 * The topics table of docs/messaging.md, rendered from the event catalog (`platformEvents`), so
 * the document lists every topic and event type the platform publishes. `npm run
 * messaging-docs` (a build, then dist/tools/messaging-docs/topics.js) rewrites the table in place; a unit
 * test (topics.spec.ts) fails when the committed table differs from what this renders.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventCatalog, platformEvents } from '@houqin/contracts';
import { findRepoRoot } from '../asyncapi/generate';

export const MESSAGING_DOC_PATH = 'docs/messaging.md';
export const TOPICS_START = '<!-- topics: generated from the event catalog by tools/messaging-docs/topics.ts; do not edit -->';
export const TOPICS_END = '<!-- /topics -->';

/** One row per topic: the topic, the service that publishes on it, its event types (action and version). */
export function renderTopicsTable(catalog: EventCatalog = platformEvents): string {
  const rows = catalog.topics.map((topic) => {
    const contracts = catalog.contracts.filter((contract) => contract.topic === topic);
    const services = [...new Set(contracts.map((contract) => contract.service))].join(', ');
    const events = contracts
      .map((contract) => `${contract.action}.v${contract.version}`)
      .sort()
      .map((event) => `\`${event}\``)
      .join(', ');
    return `| \`${topic}\` | ${services} | ${events} |`;
  });
  return [
    TOPICS_START,
    `${catalog.topics.length} topics, ${catalog.contracts.length} event types; each topic has its \`<topic>.dlq\`. An event's CloudEvents \`type\` is \`<topic>.<action>.v<version>\`.`,
    '',
    '| Topic | Published by | Events |',
    '|---|---|---|',
    ...rows,
    TOPICS_END,
  ].join('\n');
}

/** The document with its topics table replaced by the rendered one. */
export function withTopicsTable(markdown: string, table: string = renderTopicsTable()): string {
  const start = markdown.indexOf(TOPICS_START);
  const end = markdown.indexOf(TOPICS_END);
  if (start === -1 || end === -1 || end < start) throw new Error(`${MESSAGING_DOC_PATH} has no topics table between ${TOPICS_START} and ${TOPICS_END}`);
  return markdown.slice(0, start) + table + markdown.slice(end + TOPICS_END.length);
}

if (require.main === module) {
  const path = join(findRepoRoot(), MESSAGING_DOC_PATH);
  writeFileSync(path, withTopicsTable(readFileSync(path, 'utf8')));
  process.stdout.write(`wrote the topics table of ${path}\n`);
}
