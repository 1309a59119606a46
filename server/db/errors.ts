import "server-only";

/** Base class so callers can tell the console database's own refusals from driver failures. */
export class ConsoleDbError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A unique value (e.g. a user's email) is already taken. */
export class DuplicateError extends ConsoleDbError {}

/** A paging cursor that this layer did not hand out (or that was tampered with): a 400 for the caller. */
export class InvalidCursorError extends ConsoleDbError {
  constructor() {
    super("invalid cursor");
  }
}

/** Input that cannot be stored as given (e.g. an unknown surface or layout type). */
export class InvalidInputError extends ConsoleDbError {}
