/** The zod contract of the Partnerships API: one schema per domain, shared by sandbox, client and forms. */
export * from "./accounts";
export * from "./controls";
export * from "./envelope";
export * from "./formats";
export * from "./operations";
export * from "./pages";
export * from "./payout";
export * from "./privacy";
export * from "./status";
