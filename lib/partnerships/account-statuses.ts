/** An account's statuses, without zod (client code that only needs the list imports this). */
export const ACCOUNT_STATUSES = ["active", "paused", "deleting", "deleted"] as const;
