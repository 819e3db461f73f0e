import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / TICKS_PER_SECOND;
}

/** A process and all its descendants (tsx runs the real server as its child). */
export function processTree(pid: number): number[] {
  const out = [pid];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    for (const child of children ? children.split(' ') : []) out.push(...processTree(Number(child)));
  }
  return out;
}

/** CPU used by a set of processes between now and `stop()`, in seconds. */
export function cpuMeter(pids: number[]): { stop(): number } {
  const start = pids.map(cpuSeconds);
  return { stop: () => pids.reduce((sum, pid, i) => sum + cpuSeconds(pid) - start[i]!, 0) };
}

/** The shared Redis server's process (the one on port 6379). */
export function redisPid(): number | undefined {
  return findProcess((name, args) => name === 'redis-server' && args.some((a) => a.includes(':6379')));
}

function findProcess(match: (name: string, args: string[]) => boolean): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const name = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (match(name, args)) return Number(entry);
    } catch {
      // exited meanwhile
    }
  }
  return undefined;
}

/**
 * The shared MariaDB server's process (the one on the default port), whose CPU counts for every SQL-bound
 * figure; undefined when it cannot be told (then figures say so).
 */
export function mariadbPid(): number | undefined {
  return findProcess((name, args) => {
    if (name !== 'mariadbd' && name !== 'mysqld') return false;
    const port = args.find((a) => a.startsWith('--port='));
    return !port || port === '--port=3306';
  });
}
