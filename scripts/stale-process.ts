// After a crash of the launcher (kill -9, power loss of the terminal), the PostgreSQL and
// Temporal servers it started can outlive it and hold their ports and data files. The next
// start stops them cleanly first, so that a crash never blocks recovery.
import { existsSync, readFileSync } from 'node:fs';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** Stops the process whose pid is on the first line of `pidFile`, if it runs `expected`. */
export async function stopStaleProcess(pidFile: string, expected: string, signal: NodeJS.Signals, log: (msg: string) => void) {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid) || !commandLine(pid).includes(expected)) return;
  log(`stopping ${expected} (pid ${pid}) left running by an earlier start…`);
  process.kill(pid, signal);
  const deadline = Date.now() + 20_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (alive(pid)) {
    process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
  }
}
