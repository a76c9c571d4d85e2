import type { z } from 'zod';
import { appContract } from './app.contract';
import { catalogContract } from './catalog.contract';
import type { ChannelDefinition } from './channel';
import { customersContract } from './customers.contract';
import { repairCorrectionContract } from './repair-correction.contract';
import { repairDeliveryContract } from './repair-delivery.contract';
import { repairsContract } from './repairs.contract';
import { salesContract } from './sales.contract';
import { storeContract } from './store.contract';
import { syncContract } from './sync.contract';
import { usersContract } from './users.contract';

/** The one contract: channel name -> access, zod request and response. Everything else is inferred from it. */
export const contract = {
  ...appContract,
  ...usersContract,
  ...catalogContract,
  ...salesContract,
  ...customersContract,
  ...repairsContract,
  ...repairDeliveryContract,
  ...repairCorrectionContract,
  ...syncContract,
  ...storeContract,
} satisfies Record<string, ChannelDefinition>;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
/** What a caller sends (defaults not yet applied). */
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>;
/** What a handler receives, after validation. */
export type ParsedRequestOf<C extends ChannelName> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Contract[C]['response']>;

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

export function isChannelName(value: string): value is ChannelName {
  return Object.hasOwn(contract, value);
}

export type { Access, ChannelDefinition } from './channel';
