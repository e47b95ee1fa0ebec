import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { createGrpcClient, type GrpcClientConstructor } from '@loglens/platform/client';
import { UsageError } from '../usage-error.js';

/** The server a client command talks to when neither `--server` nor `LOGLENS_SERVER` says otherwise. */
export const DEFAULT_SERVER = 'localhost:7070';

/** Deadline of single-response calls (streams have none). */
const UNARY_DEADLINE_MS = 60_000;

/** The connection flags every client command takes. */
export interface ConnectionFlags {
  readonly server?: string;
  readonly apiKeyFile?: string;
  readonly tls?: boolean;
  readonly ca?: string;
}

/** Adds `--server`, `--api-key-file`, `--tls` and `--ca` to a command. */
export function withConnectionOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--server <host:port>', 'LogLens gRPC server').env('LOGLENS_SERVER').default(DEFAULT_SERVER),
    )
    .option('--api-key-file <file>', 'read the API key from this file instead of LOGLENS_API_KEY')
    .option('--tls', 'connect with TLS (the system CAs, or --ca)')
    .option('--ca <file>', 'PEM CA bundle to verify the server with (implies --tls)');
}

/**
 * The API key: from `--api-key-file` or `LOGLENS_API_KEY`. Never a flag of its own, so that it does not show
 * in `ps` or shell history.
 */
export function resolveApiKey(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): string {
  if (flags.apiKeyFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(flags.apiKeyFile, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read the API key file ${flags.apiKeyFile}: ${(error as Error).message}`);
    }
    const key = text.trim();
    if (key === '') throw new UsageError(`the API key file ${flags.apiKeyFile} is empty`);
    return key;
  }
  const key = env.LOGLENS_API_KEY?.trim() ?? '';
  if (key === '') {
    throw new UsageError(
      'no API key: set LOGLENS_API_KEY or pass --api-key-file (create one with `loglens admin key create`)',
    );
  }
  return key;
}

/** A client of a generated service for the server and credentials the flags name. */
export function openClient<C>(Client: GrpcClientConstructor<C>, flags: ConnectionFlags): C {
  const apiKey = resolveApiKey(flags);
  const tls =
    flags.tls === true || flags.ca !== undefined
      ? flags.ca === undefined
        ? {}
        : { ca: { file: flags.ca } }
      : undefined;
  return createGrpcClient(Client, flags.server ?? DEFAULT_SERVER, {
    apiKey,
    deadlineMs: UNARY_DEADLINE_MS,
    ...(tls === undefined ? {} : { tls }),
  });
}
