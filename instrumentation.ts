/**
 * Next's instrumentation hook: runs once when a server starts. Tracing is on only
 * when OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise nothing is registered and the
 * console's spans (server/observability/tracing.ts) are @opentelemetry/api no-ops.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.OTEL_EXPORTER_OTLP_ENDPOINT) return;
  const { startTracing } = await import("./server/observability/otel-node");
  startTracing();
}
