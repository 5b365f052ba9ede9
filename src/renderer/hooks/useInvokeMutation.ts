import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract';
import { type ApiError, invoke } from '../api/client';
import { refreshChannels } from '../api/refresh';

interface MutationOpts<C extends ChannelName> {
  /** channels whose cached results are stale after this call */
  invalidates?: ChannelName[];
  onSuccess?: (data: ChannelOutput<C>, input: ChannelInput<C>) => void;
}

/** Writes through one contract channel, then refreshes the listed channels. */
export function useInvokeMutation<C extends ChannelName>(channel: C, opts: MutationOpts<C> = {}) {
  const qc = useQueryClient();
  return useMutation<ChannelOutput<C>, ApiError, ChannelInput<C>>({
    mutationFn: (input) => invoke(channel, input),
    onSuccess: (data, input) => {
      refreshChannels(qc, opts.invalidates ?? []);
      opts.onSuccess?.(data, input);
    },
  });
}
