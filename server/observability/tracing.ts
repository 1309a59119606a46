import "server-only";
import { type Attributes, context, type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { parseIdempotencyKey } from "@/lib/partnerships/formats";
import { accessLog, requestLogOn } from "./access-log";

/**
 * Spans and log ids for the API wrapper and the Partnerships transport.
 *
 * While no tracer provider is registered (OTEL_EXPORTER_OTLP_ENDPOINT unset,
 * see instrumentation.ts) @opentelemetry/api hands out its no-op tracer: spans
 * are non-recording and every helper here returns before building attributes.
 *
 * Only templates, codes and ids go on a span or log line: never a path with its
 * values, a body, a token, an email or a privacy identifier.
 */

// A ProxyTracer: it starts delegating once a provider is registered, even if that happens later.
const tracer = trace.getTracer("partner-console");

/** Trace ids for a JSON log line; empty when nothing is traced. */
export function logIds(span: Span | undefined = trace.getActiveSpan()): { traceId?: string; spanId?: string } {
  const ctx = span?.spanContext();
  if (!ctx || !trace.isSpanContextValid(ctx)) return {};
  return { traceId: ctx.traceId, spanId: ctx.spanId };
}

function outcomeOf(res: Response): string {
  if (res.headers.get("idempotent-replayed") === "true") return "replayed";
  if (res.status < 400) return "ok";
  return res.status < 500 ? "refused" : "failed";
}

/**
 * One SERVER span per console API request, active while it runs (upstream
 * attempt spans become its children), plus one JSON access-log line with the
 * same trace id. `routePath` is the route template, never the concrete path.
 */
export function traceApiRequest(request: Request, routePath: string, run: () => Promise<Response>): Promise<Response> {
  return tracer.startActiveSpan(`${request.method} ${routePath}`, { kind: SpanKind.SERVER }, async (span) => {
    const started = performance.now();
    let status = 500;
    let outcome = "failed";
    try {
      const res = await run();
      status = res.status;
      outcome = outcomeOf(res);
      return res;
    } finally {
      if (span.isRecording()) {
        const attrs: Attributes = {
          "http.request.method": request.method,
          "http.route": routePath,
          "http.response.status_code": status,
          "console.outcome": outcome,
        };
        // Only a well-formed key (a random UUID) is recorded: a raw header could carry anything.
        const key = parseIdempotencyKey(request.headers.get("idempotency-key") ?? "");
        if (key) attrs["console.idempotency_key"] = key;
        span.setAttributes(attrs);
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
      if (requestLogOn()) {
        accessLog().push(
          JSON.stringify({
            source: "api",
            event: "api.request",
            method: request.method,
            route: routePath,
            status,
            outcome,
            ms: Math.round(performance.now() - started),
            ...logIds(span),
          }),
        );
      }
    }
  });
}

/** The signed-in user's role on the current request span (the role, never who). */
export function noteRole(role: string): void {
  const span = trace.getActiveSpan();
  if (span?.isRecording()) span.setAttribute("console.role", role);
}

export interface AttemptSpan {
  /** Trace ids for the transport's log line of this attempt. */
  ids: { traceId?: string; spanId?: string };
  answered(status: number, requestId: string | null, operationId: string | null, replayed: boolean): void;
  failed(reason: "timeout" | "network"): void;
}

const NO_ATTEMPT: AttemptSpan = { ids: {}, answered: () => {}, failed: () => {} };

/** One CLIENT span per upstream try, child of the request span that is active. */
export function startAttemptSpan(method: string, pathTemplate: string, attempt: number, keyed: boolean): AttemptSpan {
  const span = tracer.startSpan(`${method} ${pathTemplate}`, { kind: SpanKind.CLIENT }, context.active());
  if (!span.isRecording()) {
    span.end();
    return NO_ATTEMPT;
  }
  span.setAttributes({
    "http.request.method": method,
    "url.template": pathTemplate,
    "partnerships.attempt": attempt,
    "http.request.resend_count": attempt - 1,
    "partnerships.keyed": keyed,
  });
  return {
    ids: logIds(span),
    answered(status, requestId, operationId, replayed) {
      const attrs: Attributes = { "http.response.status_code": status, "partnerships.replayed": replayed };
      if (requestId) attrs["partnerships.request_id"] = requestId;
      if (operationId) attrs["partnerships.operation_id"] = operationId;
      span.setAttributes(attrs);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    },
    failed(reason) {
      span.setAttribute("error.type", reason);
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    },
  };
}
