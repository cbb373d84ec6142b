/** A database written by a newer HQ: refused before anything is written. */
export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
  constructor(
    readonly location: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(`${location} has HQ schema ${found}; this HQ knows up to ${supported}. Run the newer HQ. Nothing was changed.`);
  }
}
