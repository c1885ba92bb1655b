import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ApiProblem } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';

/** What a route shows when it throws (a failed lazy chunk, a render error): words, not a blank screen. */
export default function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <ErrorResult status={404} />;
  if (error instanceof ApiProblem) return <ErrorResult problem={error} onRetry={() => window.location.reload()} />;
  return (
    <ErrorResult
      problem={new ApiProblem(500, { detail: error instanceof Error ? error.message : String(error) })}
      onRetry={() => window.location.reload()}
    />
  );
}
