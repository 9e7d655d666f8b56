import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { platformEvents } from '@houqin/contracts';
import { findRepoRoot } from '../asyncapi/generate';
import { MESSAGING_DOC_PATH, TOPICS_END, TOPICS_START, renderTopicsTable } from './topics';

/** docs/messaging.md lists every topic and event type of the event catalog, and nothing else. */
describe('the topics of docs/messaging.md', () => {
  const markdown = readFileSync(join(findRepoRoot(), MESSAGING_DOC_PATH), 'utf8');
  const committed = markdown.slice(markdown.indexOf(TOPICS_START), markdown.indexOf(TOPICS_END) + TOPICS_END.length);

  it('lists every topic the platform publishes on, each once', () => {
    const listed = [...committed.matchAll(/^\| `(houqin\.[a-z-]+\.[a-z-]+)` \|/gm)].map((match) => match[1]);
    expect(listed).toEqual(platformEvents.topics);
  });

  it('lists every event type under its topic', () => {
    for (const contract of platformEvents.contracts) {
      const row = committed.split('\n').find((line) => line.startsWith(`| \`${contract.topic}\` |`));
      expect(row).toContain(`\`${contract.action}.v${contract.version}\``);
    }
  });

  it('is the table the event catalog renders (run `npm run messaging-docs` after changing libs/contracts)', () => {
    expect(committed).toBe(renderTopicsTable());
  });
});
