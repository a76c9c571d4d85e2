import { CHANNEL_NAMES, type ChannelName, contract } from '../../shared/contract/index';
import { accountGenerators } from './mutation-generators-account';
import { appGenerators } from './mutation-generators-app';
import { repairBenchGenerators } from './mutation-generators-repair-bench';
import { repairCounterGenerators } from './mutation-generators-repair-counter';
import { saleGenerators } from './mutation-generators-sale';
import { userGenerators } from './mutation-generators-users';
import type { MutationGenerators } from './mutation-world';

/**
 * One generator of inputs per mutating channel of the contract. A channel added to the contract later has none
 * until someone writes it, and the property test over the mutating channels fails naming it.
 */
export const MUTATION_GENERATORS: MutationGenerators = {
  ...appGenerators,
  ...saleGenerators,
  ...accountGenerators,
  ...repairBenchGenerators,
  ...repairCounterGenerators,
  ...userGenerators,
};

export const MUTATING_CHANNELS: readonly ChannelName[] = CHANNEL_NAMES.filter((name) => contract[name].mutates);

/** Mutating channels without a generator, and generators of channels that are not mutating ones. */
export function generatorGaps(): { missing: ChannelName[]; stray: string[] } {
  const generated = Object.keys(MUTATION_GENERATORS);
  return {
    missing: MUTATING_CHANNELS.filter((name) => !generated.includes(name)),
    stray: generated.filter((name) => !(MUTATING_CHANNELS as readonly string[]).includes(name)),
  };
}
