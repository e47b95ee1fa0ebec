import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FormatKind, Level, ParsedRecord } from '../types.js';
import { createSourceParser } from './source-parser.js';

const reference = Date.UTC(2024, 0, 15);

function parseAll(lines: readonly string[]): ParsedRecord[] {
  const parser = createSourceParser({ referenceTime: reference });
  return lines.map((line) => parser.parse(line)).filter((r): r is ParsedRecord => r !== undefined);
}

interface Case {
  readonly name: string;
  readonly lines: readonly string[];
  readonly format: FormatKind;
  readonly messages: readonly string[];
  readonly levels: readonly Level[];
  readonly components?: readonly (string | undefined)[];
  readonly firstTime?: string;
}

/** Text shapes that appear in no benchmark data set: the header learner must infer them. */
const unseenShapes: readonly Case[] = [
  {
    name: 'PostgreSQL',
    lines: [
      '2023-05-01 10:00:00.123 UTC [12345] LOG:  database system is ready to accept connections',
      '2023-05-01 10:00:01.456 UTC [12346] ERROR:  relation "users" does not exist at character 15',
      '2023-05-01 10:00:02.789 UTC [12346] STATEMENT:  select * from users',
    ],
    format: 'text-header',
    messages: [
      'database system is ready to accept connections',
      'relation "users" does not exist at character 15',
      'select * from users',
    ],
    levels: ['info', 'error', 'unknown'],
    firstTime: '2023-05-01T10:00:00.123Z',
  },
  {
    name: 'Kafka',
    lines: [
      '[2023-05-01 10:00:00,123] INFO [KafkaServer id=1] started (kafka.server.KafkaServer)',
      '[2023-05-01 10:00:01,456] WARN [Controller id=1] broker lost (kafka.controller.KafkaController)',
      '[2023-05-01 10:00:02,789] ERROR [ReplicaManager broker=1] failed (kafka.server.ReplicaManager)',
      '[2023-05-01 10:00:03,000] INFO [GroupCoordinator 0]: Preparing to rebalance (kafka.coordinator)',
    ],
    format: 'text-header',
    messages: [
      'started (kafka.server.KafkaServer)',
      'broker lost (kafka.controller.KafkaController)',
      'failed (kafka.server.ReplicaManager)',
      'Preparing to rebalance (kafka.coordinator)',
    ],
    levels: ['info', 'warn', 'error', 'info'],
    firstTime: '2023-05-01T10:00:00.123Z',
  },
  {
    name: 'Redis',
    lines: [
      '1:M 01 May 2023 10:00:00.123 * Ready to accept connections',
      '1:M 01 May 2023 10:00:05.456 # WARNING overcommit_memory is set to 0',
      '1:S 01 May 2023 10:00:09.789 * MASTER <-> REPLICA sync started',
    ],
    format: 'text-header',
    messages: [
      'Ready to accept connections',
      'WARNING overcommit_memory is set to 0',
      'MASTER <-> REPLICA sync started',
    ],
    levels: ['unknown', 'warn', 'unknown'],
    firstTime: '2023-05-01T10:00:00.123Z',
  },
  {
    name: 'Elasticsearch',
    lines: [
      '[2023-05-01T10:00:00,123][INFO ][o.e.n.Node               ] [node-1] started',
      '[2023-05-01T10:00:01,456][WARN ][o.e.c.r.a.DiskThresholdMonitor] [node-1] high disk watermark exceeded',
      '[2023-05-01T10:00:02,789][INFO ][o.e.g.GatewayService     ] [node-1] recovered [3] indices into cluster_state',
    ],
    format: 'text-header',
    messages: ['started', 'high disk watermark exceeded', 'recovered [3] indices into cluster_state'],
    levels: ['info', 'warn', 'info'],
  },
  {
    name: 'Go zap console',
    lines: [
      '2023-05-01T10:00:00.123Z\tINFO\tserver/main.go:42\tstarting server\t{"port": 8080}',
      '2023-05-01T10:00:01.456Z\tERROR\tdb/pool.go:17\tconnection refused\t{"host": "db"}',
      '2023-05-01T10:00:02.789Z\tDEBUG\tserver/main.go:88\tready',
    ],
    format: 'text-header',
    messages: ['starting server\t{"port": 8080}', 'connection refused\t{"host": "db"}', 'ready'],
    levels: ['info', 'error', 'debug'],
    components: ['server/main.go:42', 'db/pool.go:17', 'server/main.go:88'],
  },
  {
    name: 'Python logging default',
    lines: [
      'WARNING:root:disk almost full',
      'ERROR:app.db:connection lost: retrying',
      'INFO:app:started in 3s',
    ],
    format: 'text-header',
    messages: ['disk almost full', 'connection lost: retrying', 'started in 3s'],
    levels: ['warn', 'error', 'info'],
    components: ['root', 'app.db', 'app'],
  },
  {
    name: 'Python logging with asctime',
    lines: [
      '2023-05-01 10:00:00,123 - myapp.worker - INFO - job 1 done',
      '2023-05-01 10:00:01,456 - myapp.db - ERROR - query failed: timeout',
      '2023-05-01 10:00:02,789 - myapp.worker - DEBUG - job 2 queued',
    ],
    format: 'text-header',
    messages: ['job 1 done', 'query failed: timeout', 'job 2 queued'],
    levels: ['info', 'error', 'debug'],
  },
  {
    name: 'Rails',
    lines: [
      'I, [2023-05-01T10:00:00.123456 #1234]  INFO -- : Started GET "/" for 127.0.0.1',
      'W, [2023-05-01T10:00:01.456789 #1234]  WARN -- : Slow query 1200ms',
      'E, [2023-05-01T10:00:02.789012 #1234] ERROR -- : Boom',
    ],
    format: 'text-header',
    messages: ['Started GET "/" for 127.0.0.1', 'Slow query 1200ms', 'Boom'],
    levels: ['info', 'warn', 'error'],
    firstTime: '2023-05-01T10:00:00.123Z',
  },
  {
    name: 'Logback default pattern (logger, then a dash)',
    lines: [
      '09:00:00.123 [main] INFO  com.example.shop.OrderService - Order 5085 placed by customer 7',
      '09:00:00.456 [http-nio-8080-exec-1] DEBUG c.e.shop.cache.CacheManager - Cache hit for key product:861',
      '09:00:01.789 [pool-2-thread-3] ERROR com.example.shop.PaymentClient - Payment gateway returned 502',
    ],
    format: 'text-header',
    messages: [
      'Order 5085 placed by customer 7',
      'Cache hit for key product:861',
      'Payment gateway returned 502',
    ],
    levels: ['info', 'debug', 'error'],
    components: [
      'com.example.shop.OrderService',
      'c.e.shop.cache.CacheManager',
      'com.example.shop.PaymentClient',
    ],
  },
  {
    name: 'Celery (level inside the bracketed time)',
    lines: [
      '[2023-05-01 10:00:00,123: INFO/ForkPoolWorker-2] Task shop.send[7f3a] succeeded in 0.5s: None',
      '[2023-05-01 10:00:01,456: INFO/MainProcess] Task shop.send[8b1c] received',
      '[2023-05-01 10:00:02,789: ERROR/ForkPoolWorker-1] Task shop.charge[9d2e] raised unexpected: Timeout()',
    ],
    format: 'text-header',
    messages: [
      'Task shop.send[7f3a] succeeded in 0.5s: None',
      'Task shop.send[8b1c] received',
      'Task shop.charge[9d2e] raised unexpected: Timeout()',
    ],
    levels: ['info', 'info', 'error'],
    firstTime: '2023-05-01T10:00:00.123Z',
  },
  {
    name: 'Go standard log (a level opening some messages)',
    lines: [
      '2023/05/01 10:00:00 served /metrics in 3ms',
      '2023/05/01 10:00:01 [ERROR] reconcile failed for shop/web-1',
      '2023/05/01 10:00:02 served /healthz in 1ms',
      '2023/05/01 10:00:03 http: TLS handshake error from 10.0.0.7:51234: EOF',
    ],
    format: 'text-header',
    messages: [
      'served /metrics in 3ms',
      '[ERROR] reconcile failed for shop/web-1',
      'served /healthz in 1ms',
      'http: TLS handshake error from 10.0.0.7:51234: EOF',
    ],
    levels: ['unknown', 'error', 'unknown', 'unknown'],
    firstTime: '2023-05-01T10:00:00.000Z',
  },
  {
    name: 'systemd journal short',
    lines: [
      'Jan 05 10:00:00 web-1 systemd[1]: Started Daily apt download activities.',
      'Jan 05 10:00:01 web-1 kernel: EXT4-fs (sda1): mounted filesystem',
      'Jan 05 10:00:02 web-1 sshd[811]: Accepted publickey for deploy from 10.0.0.5 port 51234',
    ],
    format: 'text-header',
    messages: [
      'Started Daily apt download activities.',
      'EXT4-fs (sda1): mounted filesystem',
      'Accepted publickey for deploy from 10.0.0.5 port 51234',
    ],
    levels: ['unknown', 'unknown', 'unknown'],
    components: ['systemd', 'kernel', 'sshd'],
    firstTime: '2024-01-05T10:00:00.000Z',
  },
  {
    name: 'glog',
    lines: [
      'I0501 10:00:00.123456    1234 main.go:42] starting',
      'W0501 10:00:01.000000    1234 pool.go:17] slow pool',
      'E0501 10:00:02.000000    1234 main.go:99] failed: eof',
    ],
    format: 'text-header',
    messages: ['starting', 'slow pool', 'failed: eof'],
    levels: ['info', 'warn', 'error'],
  },
  {
    name: 'nginx error log',
    lines: [
      '2023/05/01 10:00:00 [error] 31#31: *1 open() "/usr/share/nginx/html/x" failed (2: No such file or directory)',
      '2023/05/01 10:00:01 [warn] 31#31: *2 an upstream response is buffered',
      '2023/05/01 10:00:02 [notice] 1#1: signal process started',
    ],
    format: 'text-header',
    messages: [
      '*1 open() "/usr/share/nginx/html/x" failed (2: No such file or directory)',
      '*2 an upstream response is buffered',
      'signal process started',
    ],
    levels: ['error', 'warn', 'info'],
  },
];

const structured: readonly Case[] = [
  {
    name: 'JSON with aliases and nesting',
    lines: [
      '{"ts":1700000000.5,"level":"info","msg":"started","logger":"app","trace_id":"abc","http":{"status":200}}',
      '{"@timestamp":"2023-05-01T10:00:00Z","log.level":"WARN","message":"slow","extra":[1,2]}',
      '{"time":"2023-05-01T10:00:01+02:00","severity":"ERROR","text":"down","nested":{"a":{"b":1}}}',
    ],
    format: 'json',
    messages: ['started', 'slow', 'down'],
    levels: ['info', 'warn', 'error'],
    components: ['app', undefined, undefined],
    firstTime: '2023-11-14T22:13:20.500Z',
  },
  {
    name: 'MongoDB structured JSON (Extended JSON date, severity letter)',
    lines: [
      '{"t":{"$date":"2026-11-20T09:14:01.123+00:00"},"s":"I","c":"NETWORK","id":22943,"ctx":"listener","msg":"Connection accepted"}',
      '{"t":{"$date":"2026-11-20T09:14:02.000+00:00"},"s":"W","c":"COMMAND","id":51803,"ctx":"conn7","msg":"Slow query"}',
      '{"t":{"$date":"2026-11-20T09:14:03.000+00:00"},"s":"seconds","msg":"an s that is no level"}',
    ],
    format: 'json',
    messages: ['Connection accepted', 'Slow query', 'an s that is no level'],
    levels: ['info', 'warn', 'unknown'],
    firstTime: '2026-11-20T09:14:01.123Z',
  },
  {
    name: 'logfmt',
    lines: [
      'time=2023-05-01T10:00:00Z level=info msg="request done" path=/x status=200',
      'time=2023-05-01T10:00:01Z level=error msg="db \\"main\\" down" caller=db.go:12',
      'ts=2023-05-01T10:00:02Z lvl=warn msg=slow',
    ],
    format: 'logfmt',
    messages: ['request done', 'db "main" down', 'slow'],
    levels: ['info', 'error', 'warn'],
    components: [undefined, 'db.go:12', undefined],
    firstTime: '2023-05-01T10:00:00.000Z',
  },
  {
    name: 'syslog RFC 3164',
    lines: [
      "<34>Oct 11 22:14:15 mymachine su[230]: 'su root' failed for lonvick on /dev/pts/8",
      '<13>Oct 11 22:14:16 mymachine cron[12]: job started',
      '<30>Oct 11 22:14:17 mymachine systemd[1]: Started session.',
    ],
    format: 'syslog-rfc3164',
    messages: ["'su root' failed for lonvick on /dev/pts/8", 'job started', 'Started session.'],
    levels: ['fatal', 'info', 'info'],
    components: ['su', 'cron', 'systemd'],
    firstTime: '2023-10-11T22:14:15.000Z',
  },
  {
    name: 'syslog RFC 5424',
    lines: [
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventID="1011"] An application event',
      '<11>1 2003-10-11T22:14:16.000Z host app 77 - - disk failed',
    ],
    format: 'syslog-rfc5424',
    messages: ['An application event', 'disk failed'],
    levels: ['info', 'error'],
    components: ['evntslog', 'app'],
    firstTime: '2003-10-11T22:14:15.003Z',
  },
  {
    name: 'access log (combined)',
    lines: [
      '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://x/" "Mozilla/4.08"',
      '10.0.0.2 - - [10/Oct/2000:13:55:37 -0700] "POST /api HTTP/1.1" 503 0 "-" "curl/8"',
    ],
    format: 'access-log',
    messages: ['GET /apache_pb.gif HTTP/1.0 200 2326', 'POST /api HTTP/1.1 503 0'],
    levels: ['info', 'error'],
    firstTime: '2000-10-10T20:55:36.000Z',
  },
  {
    name: 'Apache error log',
    lines: [
      '[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties',
      '[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6',
    ],
    format: 'apache-error',
    messages: [
      'workerEnv.init() ok /etc/httpd/conf/workers2.properties',
      'mod_jk child workerEnv in error state 6',
    ],
    levels: ['info', 'error'],
    firstTime: '2005-12-04T04:47:44.000Z',
  },
];

describe('createSourceParser', () => {
  it.each([...unseenShapes, ...structured])('$name', (c) => {
    const records = parseAll(c.lines);
    expect(records.map((r) => r.message)).toEqual(c.messages);
    expect(records.map((r) => r.level)).toEqual(c.levels);
    expect(records[0]!.format).toBe(c.format);
    if (c.components) expect(records.map((r) => r.component)).toEqual(c.components);
    if (c.firstTime) expect(new Date(records[0]!.timestamp!).toISOString()).toBe(c.firstTime);
  });

  it('unwraps CRI lines, joins partial ones, and parses the inner format', () => {
    const parser = createSourceParser({ referenceTime: reference });
    expect(parser.parse('2023-01-01T00:00:00.000000000Z stdout P {"level":"warn",')).toBeUndefined();
    const record = parser.parse('2023-01-01T00:00:00.000000001Z stdout F "msg":"joined"}');
    expect(record).toMatchObject({ format: 'cri', level: 'warn', message: 'joined' });
    expect(record!.attributes).toMatchObject({ stream: 'stdout', 'format.inner': 'json' });
    const plain = parser.parse('2023-01-01T00:00:02.000000000Z stderr F plain words here');
    expect(plain).toMatchObject({
      format: 'cri',
      message: 'plain words here',
      timestamp: Date.parse('2023-01-01T00:00:02Z'),
    });
  });

  it('keeps a field named __proto__ as an attribute of a JSON or logfmt record', () => {
    const [json] = parseAll(['{"msg":"hi","__proto__":"a","user":"ann"}']);
    const [logfmt] = parseAll(['msg=hi __proto__=b user=ann']);
    for (const [record, value] of [
      [json, 'a'],
      [logfmt, 'b'],
    ] as const) {
      expect(Object.getPrototypeOf(record?.attributes)).toBe(Object.prototype);
      expect(Object.entries(record?.attributes ?? {})).toEqual([
        ['__proto__', value],
        ['user', 'ann'],
      ]);
    }
  });

  it('takes "s" as the level only when it is a level letter, else keeps it an attribute', () => {
    const [letter, other] = parseAll(['{"s":"E","msg":"a"}', '{"s":"slow","msg":"b"}']);
    expect([letter?.level, letter?.attributes.s]).toEqual(['error', undefined]);
    expect([other?.level, other?.attributes.s]).toEqual(['unknown', 'slow']);
  });

  it('unwraps Docker JSON lines', () => {
    const parser = createSourceParser({ referenceTime: reference });
    const record = parser.parse(
      '{"log":"2023-05-01 10:00:00,123 ERROR [main] a.B: failed\\n","stream":"stderr","time":"2023-05-01T10:00:00.5Z"}',
    );
    expect(record).toMatchObject({
      format: 'docker-json',
      level: 'error',
      message: 'failed',
      component: 'a.B',
    });
  });

  it('re-learns when the source changes shape', () => {
    const parser = createSourceParser({ referenceTime: reference, sampleSize: 8, relearnAfter: 4 });
    for (let i = 0; i < 8; i++) parser.parse(`2023-05-01 10:00:0${i} INFO a.B: first ${i}`);
    let last: ParsedRecord | undefined;
    for (let i = 0; i < 12; i++) last = parser.parse(`[pid ${i}] 10:00:0${i % 10} WARN changed shape ${i}`);
    expect(parser.learned().relearned).toBeGreaterThan(0);
    expect(last).toMatchObject({ level: 'warn', message: 'changed shape 11' });
  });

  it('keeps the message of a line without the learned header', () => {
    const records = parseAll([
      '2023-05-01 10:00:00 INFO a.B: one',
      '2023-05-01 10:00:01 INFO a.B: two',
      'not a header line',
    ]);
    expect(records[2]).toMatchObject({ format: 'plain', message: 'not a header line', level: 'unknown' });
  });

  it('keeps the continuation lines of a multiline record in the message', () => {
    const records = parseAll(['2023-05-01 10:00:00 ERROR a.B: failed\n\tat x.Y(Z.java:1)']);
    expect(records[0]!.message).toBe('failed\n\tat x.Y(Z.java:1)');
  });
});

const loghub = new URL('../../../../../shared/data/loghub-2k/', import.meta.url);
const haveLoghub = existsSync(loghub);
if (!haveLoghub) {
  // The data set is optional; say so rather than skip silently.
  // eslint-disable-next-line no-console
  console.info('loghub-2k data not found next to the repository: header extraction check skipped');
}

describe.skipIf(!haveLoghub)('header extraction on loghub-2k', () => {
  it.each(['Android', 'Apache', 'BGL', 'HDFS', 'HPC', 'Hadoop', 'OpenSSH', 'Spark', 'Windows', 'Zookeeper'])(
    '%s',
    (name) => {
      const lines = readFileSync(new URL(`${name}/${name}_2k.log`, loghub), 'utf8').split('\n');
      const [head, ...rows] = readCsv(
        readFileSync(new URL(`${name}/${name}_2k.log_structured.csv`, loghub), 'utf8'),
      );
      const content = head!.indexOf('Content');
      const parser = createSourceParser({ referenceTime: reference });
      const messages = lines.map((l) => collapse(parser.parse(l)?.message ?? ''));
      const same = rows.filter((row, i) => messages[i] === collapse(row[content] ?? '')).length;
      expect(same / rows.length).toBeGreaterThanOrEqual(0.98);
    },
  );
});

/** Reads RFC 4180 CSV: quoted fields with doubled quotes. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

function collapse(s: string): string {
  return s.split(/\s+/).filter(Boolean).join(' ');
}
