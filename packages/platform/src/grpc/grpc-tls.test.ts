import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Metadata, type ServiceError, status } from '@grpc/grpc-js';
import {
  Level,
  QueryLogsRequest,
  type QueryLogsResponse,
  QueryServiceClient,
  QueryServiceService,
} from '@loglens/proto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors/index.js';
import { generateApiKey } from './api-key.js';
import { createGrpcClient } from './create-grpc-client.js';
import { createGrpcServer, type GrpcServer } from './create-grpc-server.js';
import type { ServiceHandlers } from './handlers.js';
import { StaticApiKeyResolver } from './static-api-key-resolver.js';
import type { ClientTlsOptions, ServerTlsOptions } from './tls.js';

// Throwaway certificates made with openssl for each run; nothing secret is committed.

const run = promisify(execFile);
const key = generateApiKey();
const apiKeys = new StaticApiKeyResolver([{ tenantId: 'acme', keyId: key.keyId, sha256: key.sha256 }]);
const logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

async function openssl(dir: string, ...args: string[]): Promise<void> {
  try {
    await run('openssl', args, { cwd: dir });
  } catch (error) {
    throw new Error(`openssl ${args.join(' ')} failed; is openssl installed? (npm run setup)`, {
      cause: error,
    });
  }
}

/** Makes a CA and a certificate it signs; returns the PEM files' paths relative to `dir`. */
async function makeCa(dir: string, name: string): Promise<void> {
  await openssl(
    dir,
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.crt`,
    '-days',
    '1',
    '-subj',
    `/CN=${name}`,
  );
}

async function makeCert(dir: string, ca: string, name: string, extensions: string): Promise<void> {
  await writeFile(join(dir, `${name}.ext`), extensions);
  await openssl(
    dir,
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=${name}`,
  );
  await openssl(
    dir,
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.crt`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-out',
    `${name}.crt`,
    '-days',
    '1',
    '-extfile',
    `${name}.ext`,
  );
}

const handlers: ServiceHandlers<typeof QueryServiceService> = {
  queryLogs: (_request, ctx) =>
    Promise.resolve({
      events: [
        {
          id: '1',
          source: 's',
          text: `hello ${ctx.tenant.tenantId}`,
          level: Level.LEVEL_INFO,
          templateId: '',
          traceId: '',
          spanId: '',
          attributes: {},
          params: [],
        },
      ],
    }),
  tail: () => (async function* () {})(),
  listTemplates: () => Promise.reject(new NotFoundError('no')),
  getTemplate: () => Promise.reject(new NotFoundError('no')),
  getVolume: () => Promise.reject(new NotFoundError('no')),
  exportLogs: () => (async function* () {})(),
};

function queryLogs(client: QueryServiceClient): Promise<QueryLogsResponse> {
  return new Promise((resolve, reject) =>
    client.queryLogs(
      QueryLogsRequest.fromPartial({}),
      new Metadata(),
      { deadline: Date.now() + 3_000 },
      (error, response) => (error ? reject(error) : resolve(response)),
    ),
  );
}

describe('gRPC over TLS', () => {
  let dir = '';
  let server: GrpcServer | undefined;
  const clients: QueryServiceClient[] = [];
  const file = (name: string): { file: string } => ({ file: join(dir, name) });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loglens-tls-'));
    await makeCa(dir, 'ca');
    await makeCa(dir, 'other-ca');
    await makeCert(
      dir,
      'ca',
      'server',
      'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n',
    );
    await makeCert(dir, 'ca', 'client', 'extendedKeyUsage=clientAuth\n');
    await makeCert(dir, 'other-ca', 'stranger', 'extendedKeyUsage=clientAuth\n');
  }, 30_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await server?.stop();
    server = undefined;
  });

  async function start(tls: ServerTlsOptions): Promise<string> {
    server = createGrpcServer({ host: '127.0.0.1', port: 0, apiKeys, logger, tls });
    server.addService(QueryServiceService, handlers);
    const { port } = await server.start();
    return `127.0.0.1:${port}`;
  }

  function client(address: string, tls: ClientTlsOptions | undefined): QueryServiceClient {
    const created = createGrpcClient(QueryServiceClient, address, {
      apiKey: key.key,
      ...(tls === undefined ? {} : { tls }),
    });
    clients.push(created);
    return created;
  }

  it('serves TLS clients that trust its CA and refuses plaintext ones', async () => {
    const address = await start({ cert: file('server.crt'), key: file('server.key') });
    await expect(queryLogs(client(address, { ca: file('ca.crt') }))).resolves.toMatchObject({
      events: [{ text: 'hello acme' }],
    });
    const plaintext = await queryLogs(client(address, undefined)).catch((error: ServiceError) => error);
    expect(plaintext).toMatchObject({ code: status.UNAVAILABLE });
  });

  it('accepts PEM data as well as files and checks the name given', async () => {
    const pem = async (name: string): Promise<Buffer> => readFile(join(dir, name));
    const address = await start({ cert: await pem('server.crt'), key: await pem('server.key') });
    const response = await queryLogs(client(address, { ca: await pem('ca.crt'), serverName: 'localhost' }));
    expect(response.events).toHaveLength(1);
    const wrongName = await queryLogs(
      client(address, { ca: await pem('ca.crt'), serverName: 'example.org' }),
    ).catch((e: ServiceError) => e);
    expect(wrongName).toMatchObject({ code: status.UNAVAILABLE });
  });

  it('under mTLS serves clients with a certificate from its CA and refuses the others', async () => {
    const address = await start({
      cert: file('server.crt'),
      key: file('server.key'),
      ca: file('ca.crt'),
      requireClientCert: true,
    });
    const withCert = client(address, {
      ca: file('ca.crt'),
      cert: file('client.crt'),
      key: file('client.key'),
    });
    await expect(queryLogs(withCert)).resolves.toMatchObject({ events: [{ text: 'hello acme' }] });

    const withoutCert = await queryLogs(client(address, { ca: file('ca.crt') })).catch(
      (e: ServiceError) => e,
    );
    expect(withoutCert).toMatchObject({ code: status.UNAVAILABLE });
    const stranger = client(address, {
      ca: file('ca.crt'),
      cert: file('stranger.crt'),
      key: file('stranger.key'),
    });
    expect(await queryLogs(stranger).catch((e: ServiceError) => e)).toMatchObject({
      code: status.UNAVAILABLE,
    });
  });

  it('refuses mTLS without a CA to check clients against', () => {
    const tls = { cert: file('server.crt'), key: file('server.key'), requireClientCert: true };
    expect(() => createGrpcServer({ port: 0, apiKeys, logger, tls })).toThrow(/needs a ca/);
  });
});
