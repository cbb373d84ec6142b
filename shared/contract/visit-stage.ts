import type { VisitStage } from './desk-views.js';
import type { VisitState } from '../clinic/visit/state.js';

/**
 * Where a visit stands in the clinic flow, as the day board groups it: the desk's read model
 * stores it, and the screens derive it from a state they hold (the drawer, time travel).
 */
export const stageOf = (state: VisitState): VisitStage | null => {
  switch (state.status) {
    case 'none':
      return null;
    case 'reserved':
      return 'reserved';
    case 'canceled':
      return 'canceled';
    case 'no-show':
      return 'no-show';
    case 'abandoned':
      return 'abandoned';
    case 'checked-out':
      return 'checked-out';
    case 'checked-in':
      if (state.consultation.status === 'in-progress') return 'consultation';
      if (state.plan.some((item) => item.status === 'in-progress')) return 'procedure';
      if (state.soothingCare === 'in-progress') return 'soothing-care';
      if (state.plan.some((item) => item.status === 'pending')) return 'procedure';
      if (state.consultation.status === 'completed' || state.directProcedure) return 'payment';
      return 'waiting';
  }
};
