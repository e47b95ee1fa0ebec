/** What the gRPC server reports; a pino logger fits. */
export interface GrpcLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  /** A logger that adds `bindings` to every entry; used per call when present. */
  child?(bindings: Record<string, string>): GrpcLogger;
}
