/**
 * Error codes the renderer's bridges make themselves, when the host could not answer with an
 * envelope. They never come from DeskCore, so they live here and not in the shared contract.
 */
export const TransportErrorCode = {
  /** The host did not answer (browser host stopped, network error). */
  HOST_UNREACHABLE: 'HOST_UNREACHABLE',
  /** The host answered with something that is not an `{ ok }` envelope. */
  HOST_ERROR: 'HOST_ERROR',
} as const;
