/** CPU time of processes and their children, from `/proc` (Linux). */
import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

/** Clock ticks per second of the `/proc/<pid>/stat` times. */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  readonly ppid: number;
  /** utime + stime of the process itself, in ticks. */
  readonly own: number;
  /** cutime + cstime: children that exited and were waited for, in ticks. */
  readonly reaped: number;
}

async function statOf(pid: number): Promise<ProcStat | undefined> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields start after its last `)`.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const n = (i: number): number => Number(fields[i - 3]);
    return { ppid: n(4), own: n(14) + n(15), reaped: n(16) + n(17) };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds used so far by `pid`, its live descendants and the children it reaped (PostgreSQL's backends,
 * for instance, are children of the postmaster); undefined when the process is gone.
 */
export async function cpuSecondsOfTree(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const root = await statOf(pid);
  if (root === undefined) return undefined;
  const stats = new Map<number, ProcStat>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await statOf(Number(entry));
    if (stat) stats.set(Number(entry), stat);
  }
  let ticks = root.own + root.reaped;
  const pending = [pid];
  while (pending.length > 0) {
    const parent = pending.pop()!;
    for (const [child, stat] of stats) {
      if (stat.ppid !== parent) continue;
      ticks += stat.own;
      pending.push(child);
    }
  }
  return ticks / TICKS_PER_SECOND;
}
