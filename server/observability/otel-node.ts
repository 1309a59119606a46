import "server-only";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";

/**
 * Registers the global tracer provider, exporting over OTLP/HTTP. Called from
 * instrumentation.ts only when OTEL_EXPORTER_OTLP_ENDPOINT is set; the exporter
 * reads that variable (and OTEL_EXPORTER_OTLP_HEADERS etc.) itself, appending
 * /v1/traces. NodeTracerProvider.register() installs the AsyncLocalStorage
 * context manager that makes upstream attempt spans children of their request.
 */
export function startTracing(): NodeTracerProvider {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      "service.name": process.env.OTEL_SERVICE_NAME || "partner-console",
    }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  return provider;
}
