/**
 * The one error type the domain throws. `kind` says what went wrong in terms any
 * edge can map (the API maps it to an HTTP status); `code` is a stable, dotted rule
 * name a client can switch on; `field` names the input at fault when there is one.
 */
export type DomainErrorKind =
  /** the input breaks a rule of its own shape or value */
  | 'invalid'
  /** the actor may not do this to this matter */
  | 'forbidden'
  /** the matter's current state does not allow this */
  | 'conflict'
  /** well-formed, allowed, but a business rule refuses it */
  | 'unprocessable'
  /** a referenced thing does not exist */
  | 'not_found';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, message: string, field?: string): DomainError => new DomainError('invalid', code, message, field);
export const forbidden = (code: string, message: string): DomainError => new DomainError('forbidden', code, message);
export const conflict = (code: string, message: string, field?: string): DomainError => new DomainError('conflict', code, message, field);
export const unprocessable = (code: string, message: string, field?: string): DomainError =>
  new DomainError('unprocessable', code, message, field);
export const notFound = (code: string, message: string, field?: string): DomainError => new DomainError('not_found', code, message, field);
