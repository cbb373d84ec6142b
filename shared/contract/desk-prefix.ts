/**
 * A desk's short name: the prefix of the chart numbers it hands out, and how the screens name a
 * desk in a history or the audit trail. It comes from the random tail of the installation id (the
 * head of a UUIDv7 is a timestamp, the same for desks installed the same week).
 */
export const deskPrefixOf = (installationId: string): string => `D${installationId.replace(/-/g, '').slice(-5).toUpperCase()}`;
