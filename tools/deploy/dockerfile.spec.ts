/**
 * The Dockerfile, read statically (no Docker engine needed): multi-stage; the final stage runs as a
 * non-root user, installs nothing and copies node_modules only from a stage that installed
 * production dependencies; it has a HEALTHCHECK on the app's liveness route, OCI labels,
 * NODE_ENV=production and starts the app's compiled main.js; the build context leaves out what
 * must not go into an image.
 */
import { existsSync, readdirSync } from 'node:fs';
import { SERVICE_NODE_FLAGS, coreEnvironment } from '@houqin/service-kit';
import { deployedApps, effectiveValue, healthRoutes, readRepoFile, repoPath } from './app-catalog';

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
}

/** Instructions with continuation lines joined, comments and blank lines dropped. */
function instructions(text: string): Instruction[] {
  const result: Instruction[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const start = index;
    let line = lines[index]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    while (line.endsWith('\\') && index + 1 < lines.length) {
      index++;
      const next = lines[index]!.trim();
      line = `${line.slice(0, -1).trimEnd()} ${next.startsWith('#') ? '' : next}`;
    }
    const [keyword, ...rest] = line.split(/\s+/);
    result.push({ keyword: keyword!.toUpperCase(), args: rest.join(' '), line: start + 1 });
  }
  return result;
}

function stages(all: Instruction[]): Stage[] {
  const result: Stage[] = [];
  for (const instruction of all) {
    if (instruction.keyword === 'FROM') {
      const match = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      if (!match) throw new Error(`line ${instruction.line}: cannot read FROM ${instruction.args}`);
      result.push({ from: match[1]!, name: match[2] ?? String(result.length), instructions: [] });
    } else if (result.length > 0) {
      result[result.length - 1]!.instructions.push(instruction);
    }
  }
  return result;
}

/** npm/yarn/pnpm commands of a stage that install packages, and whether each leaves dev dependencies out. */
function installs(stage: Stage): Array<{ command: string; productionOnly: boolean }> {
  return stage.instructions
    .filter((instruction) => instruction.keyword === 'RUN')
    .flatMap((instruction) => instruction.args.split(/&&|;|\|\|/))
    .map((command) => command.trim())
    .filter((command) => /\b(npm\s+(ci|install|i|add)|yarn(\s+install)?|pnpm\s+(install|i|add))\b/.test(command) && !/\bnpm\s+cache\b/.test(command))
    .map((command) => ({ command, productionOnly: /--omit[= ]dev\b|--only[= ]prod(uction)?\b|--production\b|--prod\b/.test(command) }));
}

function copiesFrom(stage: Stage): Array<{ from: string; sources: string[] }> {
  return stage.instructions
    .filter((instruction) => instruction.keyword === 'COPY' && /--from=/.test(instruction.args))
    .map((instruction) => {
      const words = instruction.args.split(/\s+/);
      const from = words.find((word) => word.startsWith('--from='))!.slice('--from='.length);
      const paths = words.filter((word) => !word.startsWith('--'));
      return { from, sources: paths.slice(0, -1) };
    });
}

const dockerfile = readRepoFile('Dockerfile');
const all = instructions(dockerfile);
const built = stages(all);
const final = built[built.length - 1]!;
const finalOf = (keyword: string) => final.instructions.filter((instruction) => instruction.keyword === keyword);

describe('Dockerfile', () => {
  it('is multi-stage: the final stage starts from a base image, not from a stage that built or installed dev dependencies', () => {
    expect(built.length).toBeGreaterThanOrEqual(2);
    const names = new Set(built.slice(0, -1).map((stage) => stage.name));
    expect(names.has(final.from)).toBe(false);
    // At least one earlier stage compiles (npm run build) with the full dependency set.
    expect(built.slice(0, -1).some((stage) => stage.instructions.some((instruction) => instruction.keyword === 'RUN' && /\bnpm run build\b/.test(instruction.args)))).toBe(true);
  });

  it('starts the app with the V8 flags every service process runs with', () => {
    const commands = finalOf('CMD');
    const command = commands[commands.length - 1]!.args;
    expect(command).toContain(`exec node ${SERVICE_NODE_FLAGS.join(' ')} dist/apps/\${APP}/src/main.js`);
  });

  it('runs as a non-root user in the final stage', () => {
    const users = finalOf('USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users[users.length - 1]!.args.split(':')[0]!;
    expect(['root', '0', '']).not.toContain(user);
    // Numeric, so Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
    expect(user).toMatch(/^\d+$/);
  });

  it('puts no dev dependencies in the final stage', () => {
    expect(installs(final).filter((install) => !install.productionOnly)).toEqual([]);
    expect(finalOf('RUN').filter((instruction) => /devDependencies|--include[= ]dev|NODE_ENV=development/.test(instruction.args))).toEqual([]);
    const byName = new Map(built.map((stage) => [stage.name, stage]));
    const nodeModules = copiesFrom(final).filter((copy) => copy.sources.some((source) => /node_modules/.test(source)));
    expect(nodeModules.length).toBeGreaterThan(0);
    for (const copy of nodeModules) {
      const source = byName.get(copy.from);
      expect({ from: copy.from, isStage: Boolean(source) }).toEqual({ from: copy.from, isStage: true });
      const sourceInstalls = installs(source!);
      expect(sourceInstalls.length).toBeGreaterThan(0);
      expect({ from: copy.from, installs: sourceInstalls.filter((install) => !install.productionOnly) }).toEqual({ from: copy.from, installs: [] });
    }
    // Nothing else copied from a stage that has dev dependencies may carry node_modules or the sources.
    for (const copy of copiesFrom(final)) {
      for (const source of copy.sources) expect(source).not.toMatch(/^\/?(src\/)?(\.|\*|node_modules\/\.bin|apps|libs|tools)\/?$/);
    }
    const env = finalOf('ENV').map((instruction) => instruction.args).join(' ');
    expect(env).toMatch(/\bNODE_ENV=production\b/);
  });

  it('removes only packages that the deployed code never imports statically', () => {
    const removed = [...dockerfile.matchAll(/rm -rf ((?:\s*node_modules\/\S+)+)/g)].flatMap((match) => match[1]!.trim().split(/\s+/)).map((path) => path.replace(/^node_modules\//, ''));
    for (const pkg of removed) {
      const scoped = pkg.startsWith('@') ? `${pkg}/` : pkg;
      for (const root of ['apps', 'libs']) {
        const offenders = sourceFiles(repoPath(root)).filter((file) => {
          const text = readRepoFile(file);
          return new RegExp(`(?:^|\\n)\\s*import\\s+(?!type\\b)[^;]*from\\s+'${escape(scoped)}|require\\('${escape(scoped)}`).test(text);
        });
        expect({ pkg, offenders }).toEqual({ pkg, offenders: [] });
      }
    }
  });

  it('has a HEALTHCHECK on the liveness route of the port the app listens on', () => {
    const checks = finalOf('HEALTHCHECK');
    expect(checks).toHaveLength(1);
    expect(checks[0]!.args).toContain(healthRoutes().live);
    const port = String(effectiveValue(coreEnvironment, 'PORT', undefined));
    expect(checks[0]!.args).toMatch(new RegExp(`process\\.env\\.PORT \\|\\| ${port}\\b`));
    expect(finalOf('EXPOSE').map((instruction) => instruction.args)).toEqual([port]);
  });

  it('carries OCI labels and starts the compiled main.js of the app named by APP (and the migration command)', async () => {
    const labels = finalOf('LABEL').map((instruction) => instruction.args).join(' ');
    for (const label of ['title', 'version', 'revision', 'created', 'licenses', 'source']) expect(labels).toContain(`org.opencontainers.image.${label}=`);
    expect(finalOf('ARG').some((instruction) => /^APP\b/.test(instruction.args))).toBe(true);
    const cmd = finalOf('CMD');
    expect(cmd).toHaveLength(1);
    expect(cmd[0]!.args).toContain('dist/apps/${APP}/src/main.js');
    // exec form, or a shell that execs node, so node is PID 1 and receives SIGTERM itself.
    expect(cmd[0]!.args).toMatch(/^\[\s*"(node|sh)"/);
    if (cmd[0]!.args.startsWith('["sh"')) expect(cmd[0]!.args).toMatch(/exec node /);
    for (const app of await deployedApps()) expect(existsSync(repoPath('apps', app.name, 'src/main.ts'))).toBe(true);
    // The migration Job runs dist/tools/deploy/migrate.js from the same image.
    expect(copiesFrom(final).some((copy) => copy.sources.some((source) => source.endsWith('dist/tools/deploy/migrate.js') || source.endsWith('dist/tools/deploy')))).toBe(true);
    expect(existsSync(repoPath('tools/deploy/migrate.ts'))).toBe(true);
  });

  it('is built from a context that leaves out node_modules, dist, git and local secrets', () => {
    const ignored = readRepoFile('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    for (const entry of ['node_modules', 'dist', '.git', '.env']) expect(ignored).toContain(entry);
    // ...but keeps everything the build stage copies.
    for (const copy of all.filter((instruction) => instruction.keyword === 'COPY' && !/--from=/.test(instruction.args))) {
      const sources = copy.args.split(/\s+/).filter((word) => !word.startsWith('--')).slice(0, -1);
      for (const source of sources) {
        expect({ source, ignored: ignored.includes(source.replace(/^\.\//, '')) }).toEqual({ source, ignored: false });
        expect(existsSync(repoPath(source))).toBe(true);
      }
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = `${dir}/${entry.name}`;
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (/\.ts$/.test(entry.name) && !/\.(int-|e2e-)?spec\.ts$/.test(entry.name)) files.push(full.slice(repoPath('').length));
  }
  return files;
}
