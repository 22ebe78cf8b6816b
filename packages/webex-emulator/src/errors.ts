import type { z } from 'zod';

/** An answer other than success, with Webex's status and wording. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Webex's error body: a message, the same text as the only error, and the request's tracking id. */
export interface WebexErrorBody {
  message: string;
  errors: Array<{ description: string }>;
  trackingId: string;
}

export function errorBody(message: string, trackingId: string): WebexErrorBody {
  return { message, errors: [{ description: message }], trackingId };
}

export const MESSAGES = {
  unauthorized: 'The request requires a valid access token set in the Authorization request header.',
  notFound: 'The requested resource could not be found.',
  /** Webex's answer to a message for an address that has no Webex account. */
  noOneOnOne: 'Failed to get one on one conversation',
  tooManyRequests: 'Too many requests have been sent in a given amount of time. Try again later.',
  serverError: {
    500: 'Something went wrong on the server. Try again later.',
    502: 'The server received an invalid response from an upstream server. Try again later.',
    503: 'Server is overloaded with requests. Try again later.',
    504: 'An upstream server failed to respond on time. Try again later.',
  } as Record<number, string>,
} as const;

/** Webex's wording for a 5xx status. */
export function serverErrorMessage(status: number): string {
  return MESSAGES.serverError[status] ?? 'The server could not handle the request. Try again later.';
}

export const badRequest = (message: string) => new ApiError(400, message);
export const unauthorized = () => new ApiError(401, MESSAGES.unauthorized);
export const forbidden = (message: string) => new ApiError(403, message);
export const notFound = (message: string = MESSAGES.notFound) => new ApiError(404, message);
export const conflict = (message: string) => new ApiError(409, message);

/** Validates input with zod; the 400 names every bad field, as `field: problem`. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) =>
    issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`,
  );
  throw badRequest(problems.join('; '));
}
