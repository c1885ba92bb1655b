/** Where the CPU went during a measured window: each process of the system, PostgreSQL, the machine. */
import { cpuSecondsOf, machineCpu, postgresCpuByPid } from './processes.js';
import { type Row, fmt, printTable } from './report.js';

export interface CpuShare {
  seconds: number;
  /** Of one core, over the window: 1.0 = one core busy all the time. */
  cores: number;
}

export interface CpuMeter {
  stop(): Record<string, CpuShare>;
}

/** Starts measuring; `pids` names the processes to account separately (the bench process is added). */
export function cpuMeter(pids: Record<string, number | undefined>): CpuMeter {
  const start = Date.now();
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSecondsOf(pid)]));
  const self = process.cpuUsage();
  const machine = machineCpu();
  // PostgreSQL backends come and go (pgbench's connections): sample them, so one that
  // exits before the end still counts (all but its last sampling interval)
  const pgFirst = postgresCpuByPid();
  const pgLast = new Map(pgFirst);
  const sample = () => {
    for (const [pid, s] of postgresCpuByPid()) pgLast.set(pid, s);
  };
  const sampler = setInterval(sample, 250);
  sampler.unref();
  return {
    stop() {
      clearInterval(sampler);
      sample();
      let pg = 0;
      for (const [pid, s] of pgLast) pg += s - (pgFirst.get(pid) ?? 0);
      const wall = (Date.now() - start) / 1000;
      const share = (seconds: number): CpuShare => ({ seconds, cores: seconds / wall });
      const out: Record<string, CpuShare> = {};
      for (const [k, pid] of Object.entries(pids)) out[k] = share(cpuSecondsOf(pid) - before[k]);
      const used = process.cpuUsage(self);
      out['bench driver (this process)'] = share((used.user + used.system) / 1e6);
      out['postgresql (whole server)'] = share(pg);
      const m = machineCpu();
      out['machine (all processes)'] = share(m.busy - machine.busy);
      return out;
    },
  };
}

export function printCpu(title: string, cpu: Record<string, CpuShare>): void {
  const rows: Row[] = Object.entries(cpu).map(([k, v]) => [k, fmt(v.seconds, 1), fmt(v.cores, 2)]);
  printTable(title, ['process', 'CPU s', 'cores busy'], rows);
}
