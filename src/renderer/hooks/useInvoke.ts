import { type UseQueryOptions, useQuery } from '@tanstack/react-query';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract';
import { type ApiError, invoke } from '../api/client';

type QueryOpts<C extends ChannelName> = Omit<
  UseQueryOptions<ChannelOutput<C>, ApiError, ChannelOutput<C>, [C, ChannelInput<C>]>,
  'queryKey' | 'queryFn'
>;

/** Query keys are [channel, input], so invalidating [channel] refreshes every call of that channel. */
export function queryKeyOf<C extends ChannelName>(channel: C, input: ChannelInput<C>): [C, ChannelInput<C>] {
  return [channel, input];
}

/** Reads one contract channel through TanStack Query. */
export function useInvoke<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C>,
  opts: QueryOpts<C> = {},
) {
  return useQuery({
    queryKey: queryKeyOf(channel, input),
    queryFn: () => invoke(channel, input),
    ...opts,
  });
}
