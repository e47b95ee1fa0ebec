/** What the PostgreSQL adapters report; a pino logger fits. */
export interface PostgresLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
