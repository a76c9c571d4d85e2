/**
 * The contract's channel names, as the preload needs them. When bundling, build/build-electron.ts replaces
 * this module with a literal array, so the sandboxed preload carries no zod schemas, only the names.
 */
export { CHANNEL_NAMES } from '../../shared/contract/index';
