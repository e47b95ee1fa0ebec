import { describe, expect, it } from 'vitest';
import { createMessageScanner } from './message-scanner.js';

const scanner = createMessageScanner();
const keyOf = (m: string): string => scanner.scan(m).key;

describe('message scanner: masking per token type', () => {
  it.each([
    ['integer', 'took 160 ms', 'took <*> ms'],
    ['negative and decimal', 'offset -24.0 rate 3.5', 'offset <*> rate <*>'],
    ['hex', 'flags=0x1 mask 0x0b85eee0', 'flags=<*> mask <*>'],
    ['bare long hex', 'mask=ffffffff id 9f4ef63', 'mask=<*> id <*>'],
    ['ipv4 and port', 'from 10.251.73.220:50010 ok', 'from <*>:<*> ok'],
    ['java address', 'connection /10.10.34.11:45307', 'connection <*>:<*>'],
    [
      'an arrow between addresses',
      'read udp 10.244.3.74:49954->10.96.0.10:53: i/o timeout',
      'read udp <*>:<*>-><*>:<*>: i/o timeout',
    ],
    ['an arrow between words', 'state a->b and x-->y', 'state a->b and x-->y'],
    ['path', 'Deleting block file /mnt/hadoop/dfs/data/current/subdir19', 'Deleting block file <*>'],
    ['path in parentheses', 'chdir(/p/gb2/t800) failed', 'chdir(<*>) failed'],
    ['relative path', 'Error loading ./runtime_malloc: bad', 'Error loading <*>: bad'],
    ['windows path', 'pattern: C:\\Windows\\servicing\\sqm\\*_std.sqm, flags', 'pattern: <*>, flags'],
    ['url', 'Input split: hdfs://10.10.34.11:9000/pjhe/logs/x.log:21876+7292', 'Input split: hdfs://<*>'],
    ['url in brackets', 'listening on [akka.tcp://sys@host-07:55904]', 'listening on [akka.tcp://<*>]'],
    ['uuid', 'id 123e4567-e89b-12d3-a456-426614174000 done', 'id <*> done'],
    ['duration', 'timeout of 10000ms exceeded', 'timeout of <*> exceeded'],
    ['size with unit', 'estimated size 5.2 KB, free 93.0 B)', 'estimated size <*>, free <*>)'],
    ['identifier with numbers', 'Block broadcast_9 stored blk_-6952295868487656571', 'Block <*> stored <*>'],
    [
      'names with a digit stay',
      'Failed password ssh2 via alt0 jk2_init()',
      'Failed password ssh2 via alt0 jk2_init()',
    ],
    ['label and number', 'node node-69 generating core.2275', 'node node-<*> generating core.<*>'],
    [
      'key=value',
      'uid=0 euid=0 tty=ssh ruser= rhost=5.36.59.76',
      'uid=<*> euid=<*> tty=ssh ruser= rhost=<*>',
    ],
    ['dotted value after =', 'name=com.android.systemui, file=mgr.cpp', 'name=<*>, file=mgr.cpp'],
    ['quoted value after =', 'tag="View Lock", name=x', 'tag="<*>", name=x'],
    [
      'escaped quotes inside a quoted value',
      'err="failed to \\"Start\\" for \\"app\\"" pod="a/b" path="C:\\\\" x',
      'err="<*>" pod="<*>" path="<*>" x',
    ],
    ['boolean and null literals', 'visible=true config null mode FALSE', 'visible=<*> config <*> mode <*>'],
    ['date and time', '00000001@2016/9/27:20:30:31.455 init', '<*>@<*>/<*>/<*>:<*>:<*>:<*> init'],
    ['mac address', 'chip FF:F2:9F:16:E2:23:00:0D ip=10.0.0.1', 'chip <*> ip=<*>'],
    ['chip id of twelve hex groups', 'chip FF:F2:9F:16:E2:23:00:0D:60:E9:1D:DC ip', 'chip <*> ip'],
    // Past 32 groups a run is no address: groups are values one by one until 32 are left.
    ['a run of 40 hex groups', `x ${'1:'.repeat(39)}1 y`, `x ${'<*>:'.repeat(8)}<*> y`],
    ['leader dots', 'machine check enable..............0', 'machine check enable..............<*>'],
    ['closing dot stays', 'on port 55904.', 'on port <*>.'],
    ['redaction marker', 'login password=<redacted:password> ok', 'login password=<*> ok'],
    [
      'redaction markers inside a URL and a path',
      'url=https://pay.example.com/v2?key=<redacted:api-key>&pw=<redacted:password> at /home/<redacted:email>/x, <b>',
      'url=https://<*> at <*>, <b>',
    ],
    [
      'a URL ends at a bracket that closes no marker',
      'see <https://a.example/x?q=1> now',
      'see <https://<*>> now',
    ],
    ['whitespace collapsed', '  a \t b   c  ', 'a b c'],
    ['brackets kept', 'TID [7] (pid 12) {x:1}', 'TID [<*>] (pid <*>) {x:<*>}'],
  ])('%s', (_name, message, key) => {
    expect(keyOf(message)).toBe(key);
  });

  it('records raw spans of tokens and variables', () => {
    const r = scanner.scan('read 12 KB from /a/b');
    expect(r.tokenCount).toBe(4);
    expect(r.varCount).toBe(2);
    expect(r.message.slice(r.varStart[0], r.varEnd[0])).toBe('12 KB');
    expect(r.message.slice(r.varStart[1], r.varEnd[1])).toBe('/a/b');
  });

  it('compares its key without building it', () => {
    const first = scanner.scan('x 1 y');
    const [stored, length, hash] = [first.copyKeyWords(), first.keyLength, first.hash];
    expect(scanner.scan('x  2   y').keyEquals(stored, length)).toBe(true);
    expect(scanner.scan('x 2 y').hash).toBe(hash);
    expect(scanner.scan('x 2 z').keyEquals(stored, length)).toBe(false);
    expect(scanner.scan('x 2 y z').keyEquals(stored, length)).toBe(false);
  });

  it('keeps non-ASCII text in the key', () => {
    expect(keyOf('café 12 naïve=été «x» ok')).toBe('café <*> naïve=été «x» ok');
    expect(keyOf('Ошибка 42: нет файла /data/ф')).toBe('Ошибка <*>: нет файла <*>');
  });
});
