export { ApiError, type ApiErrorBody, isApiErrorBody } from "./errors";
export { type ApiFetchOptions, type ApiResponse, apiFetch, mintIdempotencyKey } from "./fetch";
