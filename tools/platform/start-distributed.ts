import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { SERVICE_NODE_FLAGS } from '@houqin/service-kit';
import { accessTokenIssuer } from '@houqin/auth';
import { BOOTSTRAP_ADMIN_USERNAME, DEMO_ADMIN_USERNAME, DEMO_AGENCY } from '@houqin/gateway';
import { ensureDatabase, withDatabase } from '@houqin/persistence';
import { banner } from '../../apps/platform/src/banner';
import { startupFailure } from '../../apps/platform/src/startup-failure';
import { distributedSecrets, gatewaySecretsEnvironment } from './distributed-secrets';

/**
 * Distributed mode on one machine: every service and the gateway as its own process, real Kafka
 * (the local broker from tools/kafka unless KAFKA_BROKERS is set), one database per service on the
 * PostgreSQL server of HOUQIN_POSTGRES_URL. The same processes a Kubernetes deployment runs.
 */
const SERVICES = ['procurement', 'maintenance', 'catering', 'transport', 'evaluation'] as const;

function repoRoot(): string {
  return path.resolve(__dirname, '../../..');
}

async function waitReady(name: string, url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    const ready = await fetch(`${url}/health/ready`).then((r) => r.status === 200).catch(() => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${name} did not become ready at ${url}`);
}

async function main(): Promise<void> {
  const root = repoRoot();
  const env = process.env;
  let brokers = env['KAFKA_BROKERS'];
  if (!brokers) {
    const started = spawnSync('bash', [path.join(root, 'tools/kafka/kafka-local.sh'), 'start'], { stdio: 'inherit' });
    if (started.status !== 0) throw new Error('could not start the local Kafka broker (tools/kafka/kafka-local.sh start)');
    brokers = `127.0.0.1:${env['KAFKA_PORT'] ?? 9092}`;
  }
  const server = env['HOUQIN_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const basePort = Number(env['HOUQIN_BASE_PORT'] ?? 3101);
  const gatewayPort = Number(env['PORT'] ?? 8080);
  const secrets = distributedSecrets(env);
  const shared = { PATH: env['PATH'] ?? '', INTERNAL_TOKEN_SECRET: secrets.internalTokenSecret, LOG_LEVEL: env['LOG_LEVEL'] ?? 'info', ...(env['REDIS_URL'] ? { REDIS_URL: env['REDIS_URL'] } : {}) };

  const children: Array<{ name: string; child: ChildProcess; url: string }> = [];
  const launch = (name: string, port: number, extra: Record<string, string>) => {
    const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, path.join(root, 'dist/apps', name, 'src/main.js')], {
      cwd: root,
      env: { ...shared, ...extra, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const url = `http://127.0.0.1:${port}`;
    children.push({ name, child, url });
    return { child, url };
  };

  const stop = async () => {
    // The gateway first, so no request reaches a service that is going away.
    for (const { child } of [...children].reverse()) {
      if (child.exitCode !== null) continue;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  };

  try {
    const urls: Record<string, string> = {};
    for (const [index, name] of SERVICES.entries()) {
      const databaseUrl = env[`${name.toUpperCase()}_DATABASE_URL`] ?? withDatabase(server, `houqin_${name}`);
      await ensureDatabase(databaseUrl);
      const { child, url } = launch(name, basePort + index, { DATABASE_URL: databaseUrl, KAFKA_BROKERS: brokers, ...(name === 'procurement' ? { BID_SEALING_KEY: secrets.bidSealingKey } : {}) });
      urls[`${name.toUpperCase()}_URL`] = url;
      await waitReady(name, url, child);
    }
    const gatewayDatabaseUrl = env['GATEWAY_DATABASE_URL'] ?? withDatabase(server, 'houqin_gateway');
    await ensureDatabase(gatewayDatabaseUrl);
    const gateway = launch('gateway', gatewayPort, {
      ...gatewaySecretsEnvironment(secrets),
      DATABASE_URL: gatewayDatabaseUrl,
      KAFKA_BROKERS: brokers,
      ...urls,
    });
    await waitReady('gateway', gateway.url, gateway.child);
    const token = accessTokenIssuer(secrets.accessTokenSecret, 12 * 3600).issue({ agencyId: DEMO_AGENCY.id, userId: 'demo-logistics-manager', roles: ['staff', 'logistics-manager'] });
    process.stdout.write(
      banner({
        title: `Houqin is running (distributed: one process per service, Kafka ${brokers}).`,
        gatewayUrl: gateway.url,
        services: SERVICES.map((name, index) => ({ name, url: `http://127.0.0.1:${basePort + index}` })),
        demo: { agencyId: DEMO_AGENCY.id, accessToken: token, admin: { agencyCode: DEMO_AGENCY.code, username: DEMO_ADMIN_USERNAME, password: secrets.demoAdminPassword } },
        ...(secrets.bootstrapAdminPassword ? { platformAdmin: BOOTSTRAP_ADMIN_USERNAME } : {}),
      }),
    );
  } catch (error) {
    await stop();
    throw error;
  }

  let stopping = false;
  const onSignal = () => {
    if (stopping) process.exit(130);
    stopping = true;
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  for (const { name, child } of children) {
    child.once('exit', (code) => {
      if (!stopping) process.stderr.write(`${name} exited unexpectedly with code ${code}\n`);
    });
  }
}

main().catch((error: unknown) => {
  const failure = startupFailure(error);
  process.stderr.write(`${failure.message}\n`);
  process.exit(failure.exitCode);
});
