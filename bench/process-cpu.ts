// CPU used by the benchmark's own processes (this one and everything it started: the API, the
// worker, Temporal, PostgreSQL), read from /proc, so that a breakdown can say where a case's CPU
// goes and whether the machine was saturated while a load ran. Linux only.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_MS = 100 / 1000; // USER_HZ is 100 on Linux

interface ProcStat {
  pid: number;
  ppid: number;
  ticks: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields are counted after it.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

function groupOf(pid: number): string {
  if (pid === process.pid) return 'bench client';
  let cmd = '';
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return 'other';
  }
  if (cmd.includes('api-process')) return 'API';
  if (cmd.includes('worker-process')) return 'worker';
  if (/postgres/.test(cmd)) return 'PostgreSQL';
  if (/temporal/.test(cmd)) return 'Temporal';
  return 'other';
}

/** CPU milliseconds used so far by this process and its descendants, by group. */
export function processTreeCpu(): Map<string, number> {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => readStat(Number(d)))
    .filter((s): s is ProcStat => s !== undefined);
  const children = new Map<number, ProcStat[]>();
  for (const s of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const totals = new Map<string, number>();
  const visit = (s: ProcStat, group: string) => {
    totals.set(group, (totals.get(group) ?? 0) + s.ticks / TICKS_PER_MS);
    // A process's children (PostgreSQL's backends, the dev server's helpers) count with it.
    for (const c of children.get(s.pid) ?? []) visit(c, group === 'bench client' ? groupOf(c.pid) : group);
  };
  const self = all.find((s) => s.pid === process.pid);
  if (self) visit(self, 'bench client');
  return totals;
}

/** The machine's busy and total CPU time so far (all cores), from /proc/stat, in ticks. */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (line[3] ?? 0) + (line[4] ?? 0);
  const total = line.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** The CPU each group used between two readings. */
export function cpuBetween(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const d = new Map<string, number>();
  for (const [g, ms] of after) d.set(g, ms - (before.get(g) ?? 0));
  return d;
}
