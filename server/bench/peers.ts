/** Names of the tfjs backends compared against; importing this loads no tfjs code. */
export const TFJS_BACKENDS = ['cpu', 'wasm'] as const;
export type TfjsBackend = (typeof TFJS_BACKENDS)[number];
