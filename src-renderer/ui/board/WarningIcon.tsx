import type { WarningKind } from './board-warnings.js';

/** Small drawn icons beside the warning's word (never colour alone); drawn, so no font must have them. */
export const WarningIcon = ({ kind }: { readonly kind: WarningKind }) => (
  <svg className="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
    {kind === 'doubleBooked' ? (
      <>
        <rect x="1.5" y="1.5" width="9" height="9" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
        <rect x="5.5" y="5.5" width="9" height="9" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      </>
    ) : kind === 'duplicatePatient' ? (
      <>
        <circle cx="5.5" cy="5" r="2.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <circle cx="11" cy="5" r="2.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M1 14c0-3 2-4.5 4.5-4.5S10 11 10 14M7.5 10c.9-.4 2-.5 3.5-.5 2.5 0 4 1.5 4 4.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      </>
    ) : (
      <>
        <path d="M8 1.5 15 14.5H1z" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
        <path d="M8 6v4M8 11.5v1.2" stroke="currentColor" strokeWidth="1.6" />
      </>
    )}
  </svg>
);
