import { App, Form } from 'antd';
import { useState } from 'react';
import type { ChannelInput } from '../../../shared/contract';
import { applyServerError } from '../../components/formErrors';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';

export type SaveChannel =
  | 'reference.saveDong'
  | 'reference.saveField'
  | 'reference.saveBusinessType'
  | 'reference.saveStation';

/**
 * Add/edit state for one reference list: which row is open (null = closed, 'new' = adding),
 * the form, the save call, and server field errors put on the fields.
 */
export function useRefEditor<Row extends { id: number | string }, V extends object>(
  channel: SaveChannel,
  toInput: (values: V, row: Row | 'new') => ChannelInput<SaveChannel>,
  savedText: (values: V) => string,
) {
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [open, setOpen] = useState<Row | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = useInvokeMutation(channel, { invalidates: ['reference.list', 'setup.options'] });

  const close = () => {
    setOpen(null);
    setError(null);
  };

  async function submit(values: V) {
    if (!open) return;
    setError(null);
    try {
      await save.mutateAsync(toInput(values, open) as never);
      message.success(savedText(values));
      close();
    } catch (e) {
      setError(applyServerError(form, e));
    }
  }

  return { form, open, setOpen, close, submit, error, busy: save.isPending };
}
