import { z } from "zod";

/** The API's error codes by HTTP status (SPEC.md §2). */
export const ERROR_CODES = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  409: "Conflict",
  422: "ValidationFailed",
  429: "RateLimitExceeded",
  500: "InternalServerError",
} as const;
export type ErrorStatus = keyof typeof ERROR_CODES;
export type ErrorCode = (typeof ERROR_CODES)[ErrorStatus];

/** Every JSON body but the token endpoint's, the network-privacy 202 and the CSV export. */
export const envelope = <T extends z.ZodType>(data: T) =>
  z.object({
    status: z.number().int(),
    error: z.string().nullable(),
    message: z.string(),
    request_id: z.string(),
    data,
  });

export const errorEnvelope = envelope(z.unknown());
export type Envelope<T> = { status: number; error: string | null; message: string; request_id: string; data: T };

export const tokenRequest = z.strictObject({
  grant_type: z.string().min(1),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
});
export const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive(),
});
export type TokenResponse = z.infer<typeof tokenResponse>;
