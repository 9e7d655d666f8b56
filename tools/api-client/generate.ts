import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findRepoRoot } from '../asyncapi/generate';
import { generateClient } from './client-generator';
import { platformDocument } from './platform-document';

/**
 * `npm run api-client`: writes the platform's merged OpenAPI document (libs/api-client/openapi.json)
 * and the typed client generated from it (libs/api-client/src/generated.ts). `--check` only
 * compares, and fails when either is stale.
 */
const root = findRepoRoot(__dirname);
export const DOCUMENT_FILE = path.join(root, 'libs/api-client/openapi.json');
export const CLIENT_FILE = path.join(root, 'libs/api-client/src/generated.ts');

export async function generatedFiles(): Promise<Array<{ file: string; content: string }>> {
  const document = await platformDocument();
  return [
    { file: DOCUMENT_FILE, content: `${JSON.stringify(document, null, 2)}\n` },
    { file: CLIENT_FILE, content: generateClient(document) },
  ];
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const { file, content } of await generatedFiles()) {
    if (read(file) === content) continue;
    stale.push(path.relative(root, file));
    if (!check) writeFileSync(file, content);
  }
  if (check && stale.length > 0) {
    process.stderr.write(`stale: ${stale.join(', ')} — run npm run api-client\n`);
    process.exit(1);
  }
  process.stdout.write(stale.length > 0 ? `${check ? 'stale' : 'wrote'}: ${stale.join(', ')}\n` : 'api-client is up to date\n');
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
