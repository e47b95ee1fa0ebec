// Runs one parser module in its own process, for tests that kill it: configured by the same LOGLENS_*
// variables as `loglens serve --target=parser`, it prints "ready" once consuming and stops on SIGTERM.
import { closeNats, connectNats, createDatabase, silentLogger } from '@loglens/platform';
import { createParserModule, loadParserConfig } from '../src/index.js';

const env = process.env;
const logger = silentLogger();
const nc = await connectNats({ servers: env.LOGLENS_NATS_URL ?? '', name: 'parser-process', logger });
const database = createDatabase({ connectionString: env.LOGLENS_POSTGRES_URL ?? '', logger });
const parser = createParserModule(loadParserConfig(), {
  connection: () => nc,
  natsPrefix: env.LOGLENS_NATS_PREFIX ?? '',
  database,
  logger,
});
await parser.start();
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void parser
    .stop()
    .then(() => closeNats(nc))
    .then(() => database.close());
});
