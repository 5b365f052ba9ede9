/**
 * Inserts (or wraps the selection with) text in a textarea and returns the new value; the caret is
 * put after the insertion once React has rendered the new value.
 */
export function insertAtCursor(
  el: HTMLTextAreaElement | null | undefined,
  value: string,
  before: string,
  after = '',
): string {
  const start = el?.selectionStart ?? value.length;
  const end = el?.selectionEnd ?? value.length;
  const next = value.slice(0, start) + before + value.slice(start, end) + after + value.slice(end);
  const caret = end + before.length + after.length;
  if (el)
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(caret, caret);
    });
  return next;
}
