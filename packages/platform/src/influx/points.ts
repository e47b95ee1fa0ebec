import { Point } from '@influxdata/influxdb-client';

/** One InfluxDB point as plain data; the writer serialises it to line protocol. */
export interface InfluxPoint {
  readonly measurement: string;
  /** Indexed dimensions; empty values are left out, as line protocol cannot carry them. */
  readonly tags?: Readonly<Record<string, string>>;
  /** Integer fields (written with the `i` suffix): counters. */
  readonly intFields?: Readonly<Record<string, number>>;
  /** Float fields: scores, ratios. */
  readonly floatFields?: Readonly<Record<string, number>>;
  /** When it happened; the writer stamps the time of `write()` when absent. */
  readonly time?: Date;
}

/**
 * Line protocol of a point at millisecond precision. Throws a RangeError for a point that InfluxDB would
 * reject: no measurement, no field, a non-finite or non-integer value where an integer is due.
 */
export function toLineProtocol(point: InfluxPoint, defaultTimeMs: number): string {
  if (!point.measurement) throw new RangeError('an InfluxDB point needs a measurement');
  const p = new Point(point.measurement);
  for (const [name, value] of Object.entries(point.tags ?? {})) p.tag(name, value);
  for (const [name, value] of Object.entries(point.intFields ?? {})) {
    if (!Number.isSafeInteger(value))
      throw new RangeError(`field ${name} of ${point.measurement} is not an integer: ${value}`);
    p.intField(name, value);
  }
  for (const [name, value] of Object.entries(point.floatFields ?? {})) {
    if (!Number.isFinite(value))
      throw new RangeError(`field ${name} of ${point.measurement} is not finite: ${value}`);
    p.floatField(name, value);
  }
  const timeMs = point.time ? point.time.getTime() : defaultTimeMs;
  if (!Number.isFinite(timeMs)) throw new RangeError(`invalid time on a ${point.measurement} point`);
  p.timestamp(timeMs);
  const line = p.toLineProtocol({ convertTime: () => String(Math.trunc(timeMs)) });
  if (line === undefined) throw new RangeError(`a ${point.measurement} point needs at least one field`);
  return line;
}

/** Lines counted per tenant, source and level over an interval. */
export interface LogVolumeSample {
  readonly tenant: string;
  readonly source: string;
  readonly level: string;
  readonly count: number;
  readonly time?: Date;
  /**
   * The process that counted, when several may count the same interval (one parser after another, or two
   * during a hand-over): each writes its own series, and readers sum over `writer`.
   */
  readonly writer?: string;
}

/** `log_volume` point: tags tenant, source, level (and writer, when given); integer field count. */
export function logVolumePoint(sample: LogVolumeSample): InfluxPoint {
  return {
    measurement: 'log_volume',
    tags: { tenant: sample.tenant, source: sample.source, level: sample.level, ...writerTag(sample.writer) },
    intFields: { count: sample.count },
    ...(sample.time ? { time: sample.time } : {}),
  };
}

/** Lines counted per tenant, source and template over an interval. */
export interface TemplateVolumeSample {
  readonly tenant: string;
  readonly source: string;
  readonly template: string;
  readonly count: number;
  readonly time?: Date;
  /** As in {@link LogVolumeSample}. */
  readonly writer?: string;
}

/** `template_volume` point: tags tenant, source, template (its id) (and writer, when given); integer field count. */
export function templateVolumePoint(sample: TemplateVolumeSample): InfluxPoint {
  return {
    measurement: 'template_volume',
    tags: {
      tenant: sample.tenant,
      source: sample.source,
      template: sample.template,
      ...writerTag(sample.writer),
    },
    intFields: { count: sample.count },
    ...(sample.time ? { time: sample.time } : {}),
  };
}

function writerTag(writer: string | undefined): { writer?: string } {
  return writer === undefined ? {} : { writer };
}
