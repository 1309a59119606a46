import { ApiError } from "./errors";

/**
 * When to send the same intent again, and after how long: only what the server
 * calls retryable (never reached it, 409 still running, 429, outcome unknown),
 * honouring Retry-After, else capped exponential backoff with full jitter.
 */
export const MAX_WRITE_ATTEMPTS = 4;

export function shouldRetry(error: unknown, attempt: number): boolean {
  return attempt < MAX_WRITE_ATTEMPTS && error instanceof ApiError && error.retryable;
}

export function retryDelayMs(error: unknown, attempt: number, random: () => number = Math.random): number {
  if (error instanceof ApiError && error.retryAfterSeconds) return error.retryAfterSeconds * 1000;
  const cap = Math.min(5000, 400 * 2 ** (attempt - 1));
  return Math.round(cap * (0.5 + random() / 2));
}
