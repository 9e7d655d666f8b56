/**
 * Writes docs/asyncapi.yaml, the AsyncAPI 3.0 document of every event the platform publishes,
 * from the contracts in libs/contracts. Run `npm run asyncapi`: it compiles apps, libs and tools
 * with swc into dist/ (spec files left out) and runs `node dist/tools/asyncapi/generate.js`.
 * A unit test (asyncapi.spec.ts) fails when the committed document differs from what this renders.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { buildAsyncApiDocument, platformEvents } from '@houqin/contracts';

export const ASYNCAPI_HEADER = '# Generated from libs/contracts by `npm run asyncapi`. Do not edit.';
/** Where the document lives, relative to the repository root. */
export const ASYNCAPI_PATH = 'docs/asyncapi.yaml';

/**
 * The repository root: the nearest directory above `from` whose package.json is named "houqin".
 * Works both from the sources (tools/asyncapi) and from the compiled copy (dist/tools/asyncapi).
 */
export function findRepoRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'houqin') return dir;
      } catch {
        // not the manifest we look for; keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json named "houqin" above ${from}`);
    dir = parent;
  }
}

function repoVersion(root: string): string {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof version !== 'string' || !version) throw new Error(`${join(root, 'package.json')} has no version`);
  return version;
}

/** The document as YAML text: deterministic for a given catalog and version, no anchors, no line folding. */
export function renderAsyncApi(root: string = findRepoRoot()): string {
  const document = buildAsyncApiDocument(platformEvents, repoVersion(root));
  const yaml = stringify(document, { aliasDuplicateObjects: false, lineWidth: 0, indent: 2 });
  return `${ASYNCAPI_HEADER}\n${yaml}`;
}

if (require.main === module) {
  const root = findRepoRoot();
  const target = join(root, ASYNCAPI_PATH);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, renderAsyncApi(root));
  process.stdout.write(`wrote ${target}\n`);
}
