/** The sync screens' words in English: the same keys as sync.ko.ts. */
export const syncEn = {} as const;
