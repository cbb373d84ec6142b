/** Where new ids come from. The desk injects UUIDv7; tests inject a deterministic sequence. */
export interface IdSource {
  readonly newId: () => string;
}
