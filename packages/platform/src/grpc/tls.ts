import { readFileSync } from 'node:fs';
import { ChannelCredentials, ServerCredentials } from '@grpc/grpc-js';

/** PEM data, given inline or as a file to read. */
export type PemSource = Uint8Array | { readonly file: string };

/** TLS for a server: its certificate and key, and for mTLS the CA that signs client certificates. */
export interface ServerTlsOptions {
  readonly cert: PemSource;
  readonly key: PemSource;
  /** CA bundle to verify client certificates with; required when `requireClientCert` is set. */
  readonly ca?: PemSource;
  /** mTLS: refuse clients without a certificate signed by `ca`. @default false */
  readonly requireClientCert?: boolean;
}

/** TLS for a client: the CA to trust (default: the system roots) and, for mTLS, its own certificate. */
export interface ClientTlsOptions {
  readonly ca?: PemSource;
  readonly cert?: PemSource;
  readonly key?: PemSource;
  /** Check the server certificate against this name instead of the address's host. */
  readonly serverName?: string;
}

/** Reads PEM data from its source. */
export function readPem(source: PemSource): Buffer {
  return source instanceof Uint8Array ? Buffer.from(source) : readFileSync(source.file);
}

/** Server credentials: TLS (optionally mTLS) when options are given, plaintext otherwise. */
export function serverCredentials(tls: ServerTlsOptions | undefined): ServerCredentials {
  if (tls === undefined) return ServerCredentials.createInsecure();
  const requireClientCert = tls.requireClientCert ?? false;
  if (requireClientCert && tls.ca === undefined) {
    throw new Error('TLS: requireClientCert needs a ca to verify client certificates with');
  }
  const ca = tls.ca === undefined ? null : readPem(tls.ca);
  return ServerCredentials.createSsl(
    ca,
    [{ cert_chain: readPem(tls.cert), private_key: readPem(tls.key) }],
    requireClientCert,
  );
}

/** Client channel credentials: TLS when options are given, plaintext otherwise. */
export function channelCredentials(tls: ClientTlsOptions | undefined): ChannelCredentials {
  if (tls === undefined) return ChannelCredentials.createInsecure();
  if ((tls.cert === undefined) !== (tls.key === undefined)) {
    throw new Error('TLS: a client certificate needs its key, and a key its certificate');
  }
  return ChannelCredentials.createSsl(
    tls.ca === undefined ? null : readPem(tls.ca),
    tls.key === undefined ? null : readPem(tls.key),
    tls.cert === undefined ? null : readPem(tls.cert),
  );
}
