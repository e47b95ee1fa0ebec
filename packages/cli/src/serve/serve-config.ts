import {
  durationSetting,
  loggingSettings,
  natsSettings,
  optional,
  portSetting,
  secretSetting,
  stringSetting,
  telemetrySettings,
  urlSetting,
} from '@loglens/platform';

/** Everything `loglens serve` reads from the environment (or `LOGLENS_CONFIG_FILE`), validated at start. */
export const serveSettings = {
  ...loggingSettings,
  ...telemetrySettings,
  ...natsSettings,
  postgresUrl: urlSetting('LOGLENS_POSTGRES_URL', ['postgres', 'postgresql'], {
    default: 'postgres://postgres@127.0.0.1:5432/loglens',
    doc: 'PostgreSQL connection string.',
  }),
  influxUrl: optional(
    urlSetting('LOGLENS_INFLUX_URL', ['http', 'https'], {
      doc: 'InfluxDB (or VictoriaMetrics) base URL for volume time series; unset, no points are written.',
    }),
  ),
  influxToken: optional(
    secretSetting('LOGLENS_INFLUX_TOKEN', { doc: 'InfluxDB API token (sent as `Authorization: Token …`).' }),
  ),
  influxOrg: stringSetting('LOGLENS_INFLUX_ORG', { default: 'loglens', doc: 'InfluxDB organization.' }),
  influxBucket: stringSetting('LOGLENS_INFLUX_BUCKET', {
    default: 'loglens',
    doc: 'InfluxDB bucket of the volume time series.',
  }),
  grpcHost: stringSetting('LOGLENS_GRPC_HOST', { default: '0.0.0.0', doc: 'Address the gRPC server binds.' }),
  grpcPort: portSetting('LOGLENS_GRPC_PORT', {
    default: '7070',
    doc: 'Port of the gRPC server (0 picks one).',
  }),
  grpcTlsCert: optional(
    stringSetting('LOGLENS_GRPC_TLS_CERT', {
      doc: 'PEM certificate file; TLS is on when this and the key are set.',
    }),
  ),
  grpcTlsKey: optional(
    stringSetting('LOGLENS_GRPC_TLS_KEY', { doc: 'PEM private key file of the certificate.' }),
  ),
  grpcTlsClientCa: optional(
    stringSetting('LOGLENS_GRPC_TLS_CLIENT_CA', {
      doc: 'PEM CA bundle; when set, clients must present a certificate it signed (mTLS).',
    }),
  ),
  shutdownTimeout: durationSetting('LOGLENS_SHUTDOWN_TIMEOUT', {
    default: '15s',
    doc: 'How long in-flight calls may take to finish on shutdown before they are cancelled.',
  }),
};
