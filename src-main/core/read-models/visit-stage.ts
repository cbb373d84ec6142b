import { balanceOf, type VisitState } from '../../../shared/clinic/visit/state.js';

export const planProgress = (state: VisitState): { done: number; total: number } => ({
  done: state.plan.filter((item) => item.status === 'completed' || item.status === 'skipped').length,
  total: state.plan.length,
});

export { balanceOf };
export { stageOf } from '../../../shared/contract/visit-stage.js';
