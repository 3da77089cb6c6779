/**
 * RFC 9457 problem details from the Gonghui API as exceptions. `ProblemError` carries the whole body; the subclasses
 * let callers catch by status (`instanceof NotFoundError`), and `slug` ("quota-exhausted") by kind.
 */
export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

export class ProblemError extends Error {
  readonly status: number;
  readonly type: string;
  /** last segment of `type`: `/problems/quota-exhausted` -> `quota-exhausted` */
  readonly slug: string;
  readonly title: string;
  readonly detail?: string;
  readonly problem: ProblemBody;

  constructor(status: number, problem: ProblemBody) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = new.target.name;
    this.status = status;
    this.problem = problem;
    this.type = problem.type ?? 'about:blank';
    this.slug = this.type.split('/').filter(Boolean).pop() ?? 'about:blank';
    this.title = problem.title ?? `HTTP ${status}`;
    this.detail = problem.detail;
  }

  /** `errors[{field, message}]` of a 400 validation problem, empty otherwise */
  get fieldErrors(): { field: string; message: string }[] {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

export class ValidationError extends ProblemError {}
export class UnauthorizedError extends ProblemError {}
export class ForbiddenError extends ProblemError {}
export class NotFoundError extends ProblemError {}
export class ConflictError extends ProblemError {}
export class PayloadTooLargeError extends ProblemError {}
export class BusinessRuleError extends ProblemError {}
export class LockedError extends ProblemError {}
export class RateLimitedError extends ProblemError {}
export class UnavailableError extends ProblemError {}
export class ServerError extends ProblemError {}

const BY_STATUS: Record<number, new (status: number, problem: ProblemBody) => ProblemError> = {
  400: ValidationError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  413: PayloadTooLargeError,
  422: BusinessRuleError,
  423: LockedError,
  429: RateLimitedError,
  503: UnavailableError,
};

/** The typed exception for a status and a (possibly absent or non-problem) body. */
export function problemFor(status: number, body: unknown): ProblemError {
  const problem: ProblemBody =
    body !== null && typeof body === 'object' ? (body as ProblemBody) : { title: `HTTP ${status}`, status };
  const Kind = BY_STATUS[status] ?? (status >= 500 ? ServerError : ProblemError);
  return new Kind(status, problem);
}

/** Reads a failed response into its typed exception (problem+json, plain JSON or no body at all). */
export async function problemFromResponse(response: Response): Promise<ProblemError> {
  let body: unknown = undefined;
  const text = await response.text().catch(() => '');
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = { title: response.statusText || `HTTP ${response.status}`, detail: text.slice(0, 500) };
    }
  }
  return problemFor(response.status, body);
}
