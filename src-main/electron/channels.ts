/** The IPC channels between the preload and the main process: one for calls, one for notices. */
export const DESK_INVOKE_CHANNEL = 'desk:invoke';
export const DESK_CHANGE_CHANNEL = 'desk:change';
