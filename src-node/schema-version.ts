/**
 * What every migration runner shares, whatever the driver (SQLite here, PostgreSQL at HQ):
 * migrations numbered 1, 2, 3, … and the refusal of a database written by a newer program.
 */

/** A database written by a newer program: refused before anything is written. */
export class DatabaseTooNewError extends Error {
  override readonly name = 'DatabaseTooNewError';
  constructor(
    readonly location: string,
    readonly found: number,
    readonly supported: number,
    /** Which program wrote and refuses it, e.g. "clinic-desk" or "clinic-desk HQ". */
    readonly program: string,
  ) {
    super(
      `${location} was written by a newer ${program} (database schema ${found}; this ${program} knows up to ${supported}). ` +
        `Install the newer version of ${program}. Nothing was changed.`,
    );
  }
}

/** The newest version of a list of migrations, after checking they are numbered 1, 2, 3, … in order. */
export const latestVersionOf = (migrations: readonly { readonly version: number; readonly name: string }[]): number => {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`Migration ${migration.name} is numbered ${migration.version}`);
  });
  return migrations.length;
};
