import { readdirSync, readFileSync } from 'node:fs';

/** A process and every descendant, from /proc/<pid>/task/<tid>/children (Linux). */
export function processTree(pid: number): number[] {
  const out: number[] = [];
  const visit = (p: number): void => {
    out.push(p);
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      return;
    }
    for (const tid of tasks) {
      let children: string;
      try {
        children = readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const c of children.split(' ').filter(Boolean)) visit(Number(c));
    }
  };
  visit(pid);
  return out;
}

export interface TreeMemory {
  /** Resident set of the whole tree, MiB (shared pages counted in each process). */
  rss: number;
  /** Proportional set size, MiB: shared pages divided among the processes using them. */
  pss: number;
  processes: number;
}

/** RSS and PSS of a process tree, from smaps_rollup; zeros once the process is gone. */
export function treeMemory(pid: number): TreeMemory {
  let rss = 0;
  let pss = 0;
  let processes = 0;
  for (const p of processTree(pid)) {
    let rollup: string;
    try {
      rollup = readFileSync(`/proc/${p}/smaps_rollup`, 'utf8');
    } catch {
      continue;
    }
    rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    processes++;
  }
  return { rss: rss / 1024, pss: pss / 1024, processes };
}

/** CPU time (utime + stime, and the reaped children's) of a process tree, in seconds. */
export function treeCpuSeconds(pid: number): number {
  const tick = 100; // USER_HZ: 100 on every Linux the kiosk runs on
  let ticks = 0;
  for (const p of processTree(pid)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${p}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the command name (which may hold spaces) in parentheses.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime are fields 14-17 (1-based), 12-15 here.
    for (const i of [11, 12, 13, 14]) ticks += Number(f[i] ?? 0);
  }
  return ticks / tick;
}
