import { describeBuckets, type HourBucket, OUTCOMES } from "@/lib/home/chart";

const COLOURS: Record<(typeof OUTCOMES)[number], string> = {
  success: "var(--color-success)",
  failure: "var(--color-warning)",
  denied: "var(--color-danger)",
  error: "var(--color-fg-muted)",
};
const LABELS = { success: "Succeeded", failure: "Failed", denied: "Denied", error: "Error" } as const;

/**
 * Stacked bars, one per hour, drawn on the server as SVG with a fixed aspect
 * ratio (no layout shift); the sentence and the table below say the same for
 * assistive technology.
 */
export function WritesChart({ buckets }: { buckets: HourBucket[] }) {
  const W = 480;
  const H = 120;
  const barW = W / buckets.length;
  const max = Math.max(1, ...buckets.map((b) => b.total));
  const summary = describeBuckets(buckets);
  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${W} ${H + 16}`} className="block aspect-[480/136] w-full" role="img" aria-label={summary}>
        <line x1={0} x2={W} y1={H} y2={H} stroke="var(--color-border)" />
        {buckets.map((b, i) => {
          let y = H;
          return (
            <g key={b.hour}>
              {OUTCOMES.map((o) => {
                const h = (b.counts[o] / max) * (H - 4);
                y -= h;
                return h > 0 ? (
                  <rect key={o} x={i * barW + 1} y={y} width={barW - 2} height={h} fill={COLOURS[o]}>
                    <title>{`${b.hour.slice(11, 16)} UTC: ${b.counts[o]} ${LABELS[o].toLowerCase()}`}</title>
                  </rect>
                ) : null;
              })}
              {i % 6 === 0 ? (
                <text x={i * barW + 1} y={H + 12} fontSize={9} fill="var(--color-fg-muted)">
                  {b.hour.slice(11, 16)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-fg-muted">
        {OUTCOMES.map((o) => (
          <span key={o} className="inline-flex items-center gap-1">
            <span aria-hidden="true" className="inline-block size-2.5 rounded-sm" style={{ background: COLOURS[o] }} />
            {LABELS[o]}
          </span>
        ))}
        <span className="w-full">{summary}</span>
      </figcaption>
      <details className="text-xs">
        <summary className="cursor-pointer text-accent">Writes per hour as a table</summary>
        <table className="mt-2 w-full text-left tabular-nums">
          <caption className="sr-only">Writes per hour by outcome, last 24 hours (UTC)</caption>
          <thead>
            <tr>
              <th scope="col">Hour (UTC)</th>
              {OUTCOMES.map((o) => (
                <th key={o} scope="col">
                  {LABELS[o]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.hour}>
                <th scope="row" className="font-normal">
                  {b.hour.slice(11, 16)}
                </th>
                {OUTCOMES.map((o) => (
                  <td key={o}>{b.counts[o]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
