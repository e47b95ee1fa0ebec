import { ConsoleSpanExporter, type SpanExporter } from '@opentelemetry/sdk-trace-base';

/** Maps the `LOGLENS_TRACES_EXPORTER` choice to an exporter; `undefined` for `none`. */
export function spanExporterFor(choice: 'none' | 'console'): SpanExporter | undefined {
  return choice === 'console' ? new ConsoleSpanExporter() : undefined;
}
