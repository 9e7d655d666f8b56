/**
 * Errors raised by domain code. They carry no transport concerns: the service kit maps them to
 * problem+json answers (404, 409, 422) at the HTTP edge.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  protected constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A transition the aggregate's state machine does not allow from its current state (HTTP 409). */
export class IllegalTransitionError extends DomainError {
  readonly code = 'illegal-transition';
  constructor(
    readonly aggregate: string,
    readonly currentState: string,
    readonly attemptedAction: string,
  ) {
    super(`${aggregate} is ${currentState}; cannot ${attemptedAction}`);
  }
}

/** A business rule refuses the request although its shape is valid (HTTP 422). */
export class BusinessRuleViolation extends DomainError {
  readonly code: string;
  constructor(rule: string, message: string, readonly field?: string) {
    super(message);
    this.code = rule;
  }
}

/**
 * The caller may see the record but is not the one the business names to act on it — a finding is
 * recorded by an assignee of its task, not by any reader of it (HTTP 403 naming the rule and field).
 */
export class NotPermittedError extends DomainError {
  readonly code: string;
  constructor(rule: string, message: string, readonly field?: string) {
    super(message);
    this.code = rule;
  }
}

/** The aggregate does not exist for this caller: unknown or belongs to another agency (HTTP 404). */
export class NotFoundError extends DomainError {
  readonly code = 'not-found';
  constructor(readonly aggregate: string, readonly id: string) {
    super(`${aggregate} ${id} not found`);
  }
}

/** Another aggregate already holds a value that must be unique (HTTP 409 naming the field). */
export class DuplicateError extends DomainError {
  readonly code: string;
  constructor(aggregate: string, readonly field: string, message: string) {
    super(message);
    this.code = `duplicate-${aggregate}`;
  }
}
