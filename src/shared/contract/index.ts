import type { z } from 'zod';
import { auditChannels } from './audit';
import { authChannels } from './auth';
import { bounceBlocksChannels } from './bounceBlocks';
import { campaignsChannels } from './campaigns';
import { gatewaysChannels } from './gateways';
import { downloadsChannels } from './downloads';
import { importsChannels } from './imports';
import { jobsChannels } from './jobs';
import { optoutChannels } from './optout';
import { publicChannels } from './public';
import { reportsChannels } from './reports';
import { settingsChannels } from './settings';
import { snsChannels } from './sns';
import { stationsChannels } from './stations';
import { statsChannels } from './stats';
import { subscribersChannels } from './subscribers';
import { surveysChannels } from './surveys';
import { systemChannels } from './system';
import { usersChannels } from './users';

/** Every channel of the app, declared once. Domains add theirs by spreading a map in here. */
export const contract = {
  ...authChannels,
  ...usersChannels,
  ...auditChannels,
  ...settingsChannels,
  ...systemChannels,
  ...jobsChannels,
  ...optoutChannels,
  ...campaignsChannels,
  ...importsChannels,
  ...stationsChannels,
  ...subscribersChannels,
  ...surveysChannels,
  ...statsChannels,
  ...publicChannels,
  ...bounceBlocksChannels,
  ...reportsChannels,
  ...snsChannels,
  ...gatewaysChannels,
  ...downloadsChannels,
};

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;

export const channelNames = Object.keys(contract) as ChannelName[];
export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(contract, name);
}

export * from './define';
export * from './events';
