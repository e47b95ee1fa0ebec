/**
 * Realistic log lines in the formats Kubernetes workloads write: JSON (structured app loggers), logfmt,
 * nginx access logs, Java/log4j, Python logging and syslog. Each source writes one format, as a container
 * does; templates and parameters vary like production traffic (ids, durations, IPs, paths, users).
 * Deterministic for a seed. Every line is one record (no continuation lines), so rows stored = lines sent.
 */

import { seededRandom } from '../../scripts/seeded-random.js';

export type LineFormat = 'json' | 'logfmt' | 'nginx' | 'log4j' | 'python' | 'syslog';

export const LINE_FORMATS: readonly LineFormat[] = ['json', 'logfmt', 'nginx', 'log4j', 'python', 'syslog'];

type Random = () => number;

const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy'];
const PATHS = [
  '/api/v1/orders',
  '/api/v1/cart',
  '/api/v1/users/me',
  '/healthz',
  '/api/v1/search',
  '/static/app.js',
];
const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'];
const TABLES = ['orders', 'payments', 'inventory', 'sessions'];
const HOSTS = ['db-0.db', 'db-1.db', 'cache-0.redis', 'payments.svc'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Makes lines of one format. */
export class LineMaker {
  private readonly rand: Random;
  constructor(
    readonly format: LineFormat,
    seed: number,
  ) {
    this.rand = seededRandom(seed);
  }

  private int(lo: number, hi: number): number {
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }
  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)]!;
  }
  private hex(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += Math.floor(this.rand() * 16).toString(16);
    return out;
  }
  private ip(): string {
    return `10.${this.int(0, 255)}.${this.int(0, 255)}.${this.int(1, 254)}`;
  }
  private level(): string {
    const r = this.rand();
    return r < 0.02 ? 'ERROR' : r < 0.08 ? 'WARN' : r < 0.2 ? 'DEBUG' : 'INFO';
  }

  /** A message and its level, shared by the structured formats. */
  private event(): [level: string, message: string] {
    const level = this.level();
    const order = this.int(100_000, 999_999);
    const ms = this.int(1, 900);
    switch (level) {
      case 'ERROR':
        return this.rand() < 0.5
          ? [level, `failed to charge order ${order}: payment gateway timeout after ${ms}ms`]
          : [level, `query on ${this.pick(TABLES)} failed: connection to ${this.pick(HOSTS)}:5432 refused`];
      case 'WARN':
        return this.rand() < 0.5
          ? [level, `slow query on ${this.pick(TABLES)} took ${ms * 10}ms`]
          : [level, `retrying request to ${this.pick(HOSTS)} (attempt ${this.int(1, 5)} of 5)`];
      case 'DEBUG':
        return [level, `cache ${this.rand() < 0.7 ? 'hit' : 'miss'} for key user:${this.int(1, 50_000)}`];
      default: {
        const r = this.rand();
        if (r < 0.3)
          return [
            level,
            `order ${order} created for user ${this.pick(USERS)} total ${this.int(1, 999)}.${this.int(10, 99)} EUR`,
          ];
        if (r < 0.55) return [level, `request ${this.hex(16)} completed in ${ms}ms with status 200`];
        if (r < 0.75) return [level, `user ${this.pick(USERS)} logged in from ${this.ip()}`];
        if (r < 0.9)
          return [level, `published ${this.int(1, 500)} events to topic orders.v${this.int(1, 3)}`];
        return [level, `scheduled job cleanup-sessions removed ${this.int(0, 10_000)} rows`];
      }
    }
  }

  /** One line stamped at `time`. */
  line(time: Date): string {
    const iso = time.toISOString();
    switch (this.format) {
      case 'json': {
        const [level, msg] = this.event();
        return JSON.stringify({
          ts: iso,
          level: level.toLowerCase(),
          msg,
          trace_id: this.hex(32),
          span_id: this.hex(16),
        });
      }
      case 'logfmt': {
        const [level, msg] = this.event();
        return `time=${iso} level=${level.toLowerCase()} msg=${JSON.stringify(msg)} caller=handler.go:${this.int(20, 400)}`;
      }
      case 'nginx': {
        const status = this.rand() < 0.9 ? 200 : this.pick([301, 404, 499, 500, 502]);
        const day = `${String(time.getUTCDate()).padStart(2, '0')}/${MONTHS[time.getUTCMonth()]}/${time.getUTCFullYear()}`;
        const clock = iso.slice(11, 19);
        return `${this.ip()} - - [${day}:${clock} +0000] "${this.pick(METHODS)} ${this.pick(PATHS)}?page=${this.int(1, 40)} HTTP/1.1" ${status} ${this.int(120, 90_000)} "-" "Mozilla/5.0 (X11; Linux x86_64) Chrome/${this.int(100, 131)}.0" ${this.int(1, 2000) / 1000}`;
      }
      case 'log4j': {
        const [level, msg] = this.event();
        return `${iso.replace('T', ' ').slice(0, 23)} ${level.padEnd(5)} [http-nio-8080-exec-${this.int(1, 20)}] c.e.shop.${this.pick(['OrderService', 'PaymentClient', 'CartController'])} - ${msg}`;
      }
      case 'python': {
        const [level, msg] = this.event();
        return `${iso.replace('T', ' ').slice(0, 19)},${iso.slice(20, 23)} - worker.${this.pick(['tasks', 'billing', 'mailer'])} - ${level === 'WARN' ? 'WARNING' : level} - ${msg}`;
      }
      case 'syslog': {
        const day = String(time.getUTCDate()).padStart(2, ' ');
        const [, msg] = this.event();
        return `${MONTHS[time.getUTCMonth()]} ${day} ${iso.slice(11, 19)} node-${this.int(1, 9)} ${this.pick(['kubelet', 'containerd', 'sshd'])}[${this.int(100, 32_000)}]: ${msg}`;
      }
    }
  }
}
