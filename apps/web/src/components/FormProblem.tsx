import { Alert } from 'antd';
import type { ApiProblem, FieldError } from '../api/client';
import { useProblemText } from './problemText';

/**
 * What a form's problem says beyond its fields (useApiForm): the problem in words, with the field
 * errors the form has no field for. Nothing when every error landed on a field.
 */
export function FormProblem({ problem, unplaced }: { problem: ApiProblem | null; unplaced: FieldError[] }) {
  const problemText = useProblemText();
  if (!problem || (!unplaced.length && problem.errors.length)) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={problemText(problem)}
      description={unplaced.map((e) => `${e.field}: ${e.message}`).join('；') || undefined}
    />
  );
}
