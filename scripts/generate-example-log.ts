/**
 * Writes examples/checkout-service.log: three hours of a made-up checkout service's logs, with an incident
 * (a database outage) in the middle, a leaked credential and a Java stack trace. Deterministic: the same
 * file every time, so the README's output stays reproducible.
 *
 *   npx tsx scripts/generate-example-log.ts > examples/checkout-service.log
 */

import { seededRandom } from './seeded-random.js';

const rand = seededRandom(20261120);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
const hex = (n: number): string => Array.from({ length: n }, () => int(0, 15).toString(16)).join('');

const users = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];
const skus = ['SKU-1042', 'SKU-2231', 'SKU-3310', 'SKU-4471', 'SKU-5120', 'SKU-6603'];
const threads = Array.from({ length: 12 }, (_, i) => `http-nio-8080-exec-${i + 1}`);
const start = Date.parse('2026-11-20T09:00:00.000Z');
const incidentFrom = start + 95 * 60_000;
const incidentTo = incidentFrom + 7 * 60_000;

type Line = [level: string, component: string, message: string];

function normalLine(): Line {
  const order = int(100000, 999999);
  const user = pick(users);
  const r = rand();
  if (r < 0.22)
    return [
      'INFO',
      'c.e.checkout.OrderController',
      `POST /api/orders user=${user} items=${int(1, 6)} status=201 took=${int(8, 90)}ms`,
    ];
  if (r < 0.4)
    return ['INFO', 'c.e.checkout.CartService', `Added ${pick(skus)} x${int(1, 4)} to cart of ${user}`];
  if (r < 0.52)
    return [
      'DEBUG',
      'c.e.checkout.PricingEngine',
      `Computed total ${int(5, 900)}.${int(10, 99)} EUR for order ${order} (discount ${int(0, 30)}%)`,
    ];
  if (r < 0.62)
    return [
      'INFO',
      'c.e.checkout.PaymentClient',
      `Payment authorised for order ${order} via ${pick(['card', 'paypal', 'sepa'])} in ${int(40, 400)}ms`,
    ];
  if (r < 0.7)
    return [
      'INFO',
      'c.e.checkout.InventoryClient',
      `Reserved ${int(1, 4)} units of ${pick(skus)} in warehouse ${pick(['FRA1', 'AMS2', 'DUB1'])}`,
    ];
  if (r < 0.78)
    return [
      'INFO',
      'o.a.c.c.C.[Tomcat].[localhost]',
      `GET /healthz from 10.42.${int(0, 3)}.${int(2, 250)}:${int(30000, 60000)} status=200`,
    ];
  if (r < 0.84)
    return [
      'DEBUG',
      'c.z.h.pool.HikariPool',
      `checkout-db - Pool stats (total=${int(8, 10)}, active=${int(0, 6)}, idle=${int(2, 8)}, waiting=0)`,
    ];
  if (r < 0.9)
    return [
      'INFO',
      'c.e.checkout.EmailNotifier',
      `Sent confirmation for order ${order} to ${user}@example.com`,
    ];
  if (r < 0.95)
    return [
      'WARN',
      'c.e.checkout.PaymentClient',
      `Payment provider slow: ${int(800, 2500)}ms for order ${order}, retrying (attempt ${int(1, 2)}/3)`,
    ];
  if (r < 0.985)
    return [
      'INFO',
      'c.e.checkout.SessionManager',
      `Session ${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)} expired after ${int(15, 60)}m`,
    ];
  return [
    'ERROR',
    'c.e.checkout.OrderController',
    `Order ${order} rejected: card declined (code ${pick(['05', '51', '54'])})`,
  ];
}

function incidentLine(): Line {
  const r = rand();
  if (r < 0.55) {
    return [
      'ERROR',
      'c.z.h.pool.HikariPool',
      `checkout-db - Connection is not available, request timed out after ${int(30000, 30010)}ms.`,
    ];
  }
  if (r < 0.8)
    return [
      'ERROR',
      'c.e.checkout.OrderController',
      `POST /api/orders user=${pick(users)} failed: status=503 took=${int(30000, 30100)}ms`,
    ];
  return normalLine();
}

const out: string[] = [];
const stackTrace = [
  'org.springframework.dao.DataAccessResourceFailureException: Unable to acquire JDBC Connection',
  '\tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:275)',
  '\tat com.example.checkout.OrderRepository.save(OrderRepository.java:88)',
  '\tat com.example.checkout.OrderService.place(OrderService.java:142)',
  'Caused by: java.sql.SQLTransientConnectionException: checkout-db - Connection is not available',
  '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)',
  '\t... 42 more',
];
for (let t = start; t < start + 3 * 3600_000;) {
  const inIncident = t >= incidentFrom && t < incidentTo;
  // A daily-traffic-like swell, and five times the error traffic during the outage.
  const perSecond = 0.6 + 0.4 * Math.sin(((t - start) / 3600_000) * Math.PI);
  t += Math.round((-Math.log(1 - rand()) * 1000) / (inIncident ? perSecond * 5 : perSecond));
  const [level, component, message] = inIncident ? incidentLine() : normalLine();
  const ts = new Date(t).toISOString().replace('T', ' ').replace('Z', '');
  out.push(`${ts} ${level.padEnd(5)} [${pick(threads)}] ${component}: ${message}`);
  if (inIncident && rand() < 0.03) out.push(...stackTrace);
  if (t > start + 40 * 60_000 && out.length % 997 === 0) {
    out.push(
      `${ts} DEBUG [main] c.e.checkout.PaymentClient: Retrying with config url=https://pay.example.com/v2?api_key=ak_demo_${hex(24)}&password=hunter2`,
    );
  }
}
process.stdout.write(out.join('\n') + '\n');
