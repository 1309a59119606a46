import "server-only";
import { HttpError } from "./http";
import type { BodyType } from "./types";

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/** Reads at most `maxBytes` (checking Content-Length first, then counting), else 413. */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () =>
    new HttpError(413, "payload_too_large", `The request body is larger than ${Math.round(maxBytes / 1024)} KiB.`);
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** Parses the body by the route's type: JSON (an empty body is `undefined`) or CSV text. */
export function parseBody(request: Request, text: string, type: BodyType): unknown {
  if (type === "csv") {
    const media = mediaType(request);
    if (media !== "text/csv" && media !== "text/plain") {
      throw new HttpError(415, "unsupported_media_type", "Send the file as text/csv.");
    }
    return text;
  }
  if (text.trim() === "") return undefined;
  if (mediaType(request) !== "application/json") {
    throw new HttpError(415, "unsupported_media_type", "Send the body as application/json.");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "validation_failed", "The request body is not valid JSON.", {
      fields: { body: "is not valid JSON" },
    });
  }
}
