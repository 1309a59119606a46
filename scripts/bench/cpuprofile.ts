/** Summarizes a V8 `.cpuprofile` (from node --cpu-prof): top self time by package/file and by function, and inclusive time. */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function summarize(file: string, top = Number(process.env.PROFILE_TOP ?? 35)): void {
  const prof = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const self = new Map<number, number>();
  for (const [i, id] of prof.samples.entries()) self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const node of prof.nodes) {
    const t = self.get(node.id) ?? 0;
    if (!t) continue;
    const url = node.callFrame.url.replace(/^file:\/\//, "").replace(/.*node_modules\//, "nm/");
    const fn = `${node.callFrame.functionName || "(anon)"} ${url}:${node.callFrame.lineNumber}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + t);
    const pkg = url.startsWith("nm/")
      ? url
          .split("/")
          .slice(0, url.startsWith("nm/@") ? 3 : 2)
          .join("/")
      : url || node.callFrame.functionName;
    byFile.set(pkg, (byFile.get(pkg) ?? 0) + t);
  }
  const print = (title: string, m: Map<string, number>) => {
    console.log(`\n${title} (total ${(total / 1000).toFixed(0)} ms sampled)`);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k.slice(0, 170)}`);
    }
  };
  print("self time by package / file", byFile);
  print("self time by function", byFn);

  // Inclusive time: every distinct function on a sample's stack is charged once for it.
  const parent = new Map<number, number>();
  for (const node of prof.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const inclusive = new Map<string, number>();
  for (const [i, leaf] of prof.samples.entries()) {
    const seen = new Set<string>();
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id);
      if (!node) break;
      const url = node.callFrame.url.replace(/^file:\/\//, "").replace(/.*node_modules\//, "nm/");
      if (!url || url.startsWith("node:")) continue;
      seen.add(`${node.callFrame.functionName || "(anon)"} ${url}:${node.callFrame.lineNumber}`);
    }
    for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + (prof.timeDeltas[i] ?? 0));
  }
  const filter = process.env.PROFILE_FILTER ? new RegExp(process.env.PROFILE_FILTER) : null;
  print("inclusive time by function", new Map([...inclusive].filter(([k]) => !filter || filter.test(k))));
}
