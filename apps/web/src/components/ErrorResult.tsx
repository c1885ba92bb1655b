import { Suspense, lazy } from 'react';
import type { ApiProblem } from '../api/client';

export interface ErrorResultProps {
  status?: 403 | 404 | 500;
  problem?: ApiProblem | null;
  subject?: 'matter';
  onRetry?: () => void;
}

// antd's Result carries its pictures (10 kB gzipped): loaded only when a page has failed
const ErrorResultView = lazy(() => import('./ErrorResultView'));

/** 403 "no access", 404 "not found" or any other failure, in words, with a way on: never a blank screen. */
export function ErrorResult(props: ErrorResultProps) {
  return (
    <Suspense fallback={null}>
      <ErrorResultView {...props} />
    </Suspense>
  );
}
