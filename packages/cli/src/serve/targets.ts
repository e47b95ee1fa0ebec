/**
 * The modules `loglens serve --target` names, besides `all`: those of {@link MODULES} that are not internal.
 * Listed apart so `loglens serve --help` prints them without loading every service (a test keeps the two
 * lists equal).
 */
export const SERVE_TARGETS: readonly string[] = ['nats', 'metrics', 'grpc', 'ingest', 'parser', 'query'];
