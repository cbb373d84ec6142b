/** The sync screens' words in Korean (the badge, the conflicts inbox, the settings): `sync.*` of the catalog. */
export const syncKo = {} as const;
