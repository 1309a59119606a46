/**
 * Side-by-side measurement of a few servers: each scenario is run on every side, round after
 * round in a rotating order (so a busy moment of the machine falls on each side in turn), and
 * the medians are printed with the last side ÷ the first side ratios. Used by ab.ts (two console
 * builds) and bare-paced.ts (the bare forwarder with and without the pacing preload).
 */
import { type LoadSpec, load, log, median, treeCpuMs } from "./lib";

export interface Contender<S extends string> {
  name: string;
  pid: number;
  spec: Record<S, LoadSpec>;
}

export async function interleave<S extends string>(o: {
  sides: Contender<S>[];
  /** Each scenario and its connection count. */
  scenarios: Record<S, number>;
  rounds: number;
  seconds: number;
}): Promise<void> {
  const scenarios = Object.keys(o.scenarios) as S[];
  for (const side of o.sides) for (const sc of scenarios) await load(side.spec[sc], 2, 1);
  const samples = new Map<string, { p50: number[]; rps: number[]; cpu: number[] }>();
  for (let round = 0; round < o.rounds; round++) {
    for (const sc of scenarios) {
      for (let k = 0; k < o.sides.length; k++) {
        const i = (k + round) % o.sides.length;
        const side = o.sides[i] as Contender<S>;
        const cpuBefore = treeCpuMs(side.pid);
        const r = await load(side.spec[sc], o.scenarios[sc], o.seconds);
        // Server CPU per answer: far less sensitive to a busy machine than latency.
        const cpu = (treeCpuMs(side.pid) - cpuBefore) / Math.max(1, r.ok + r.bad);
        const key = `${sc}.${i}`;
        const s = samples.get(key) ?? { p50: [], rps: [], cpu: [] };
        samples.set(key, s);
        s.p50.push(r.p50);
        s.rps.push(r.rps);
        s.cpu.push(cpu);
        log(
          `round ${round + 1}/${o.rounds} ${sc} ${side.name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, server CPU ${cpu.toFixed(2)} ms/req ${JSON.stringify(r.statuses)}`,
        );
      }
    }
  }
  const names = o.sides.map((s) => s.name);
  console.log(`\n${o.rounds} interleaved rounds of ${o.seconds} s; medians (ratio = ${names.at(-1)} ÷ ${names[0]})\n`);
  console.log(
    [
      "scenario",
      ...names.flatMap((n) => [`${n} p50 ms`, `${n} req/s`, `${n} CPU ms/req`]),
      "p50 ratio",
      "req/s ratio",
      "CPU ratio",
    ].join(" | "),
  );
  for (const sc of scenarios) {
    const of = (i: number) => samples.get(`${sc}.${i}`) ?? { p50: [], rps: [], cpu: [] };
    const medians = names.map((_, i) => ({ p50: median(of(i).p50), rps: median(of(i).rps), cpu: median(of(i).cpu) }));
    const first = medians[0] as (typeof medians)[number];
    const last = medians.at(-1) as (typeof medians)[number];
    console.log(
      [
        sc,
        ...medians.flatMap((m) => [m.p50.toFixed(2), m.rps.toFixed(0), m.cpu.toFixed(2)]),
        (last.p50 / first.p50).toFixed(2),
        (last.rps / first.rps).toFixed(2),
        (last.cpu / first.cpu).toFixed(2),
      ].join(" | "),
    );
  }
}
