import { flushSync } from 'react-dom';

/**
 * Inserts (or wraps the selection with) text in a textarea. `apply` stores the new value; it is
 * rendered synchronously (flushSync) so the caret can be put after the insertion before anything
 * else is typed — a caret placed later (next frame) would land in the middle of fast typing.
 */
export function insertAtCursor(
  el: HTMLTextAreaElement | null | undefined,
  value: string,
  before: string,
  after: string,
  apply: (next: string) => void,
): void {
  const start = el?.selectionStart ?? value.length;
  const end = el?.selectionEnd ?? value.length;
  const next = value.slice(0, start) + before + value.slice(start, end) + after + value.slice(end);
  const caret = end + before.length + after.length;
  flushSync(() => apply(next));
  if (el) {
    el.focus();
    el.setSelectionRange(caret, caret);
  }
}
