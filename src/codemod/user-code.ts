/**
 * Code a codemod author wrote (a `filter`, a `modify` callback, a `select`
 * predicate) runs inside `guard`: what it throws is the codemod's failure,
 * reported with the author's stack, never mistaken for a bug in safesort.
 */
export class UserCodeError extends Error {
  constructor(
    /** Which callback threw: `filter()`, `modify()`… */
    readonly where: string,
    override readonly cause: unknown,
  ) {
    super(`${where} threw: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "UserCodeError";
  }
}

/** Wrap a callback so that what it throws becomes a UserCodeError naming it. */
export function guard<A extends unknown[], R>(where: string, fn: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    try {
      return fn(...args);
    } catch (error) {
      if (error instanceof UserCodeError) throw error;
      throw new UserCodeError(where, error);
    }
  };
}
