import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

const GENERIC = '처리 중 오류가 발생했습니다. 다시 시도하세요.';

/** 'snsLinks.0.url' → ['snsLinks', 0, 'url'], the NamePath antd uses. */
function toNamePath(key: string): (string | number)[] {
  return key.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts the server's per-field messages on the form's fields. Returns the message to show above
 * the form, or null when every problem is already shown next to its field.
 * `rename` maps a server field key to the form's field name when they differ.
 */
export function applyServerError(
  form: FormInstance,
  err: unknown,
  rename: Record<string, string> = {},
): string | null {
  if (!(err instanceof ApiError)) return err instanceof Error && err.message ? err.message : GENERIC;
  const registered = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const entries = Object.entries(err.fields ?? {}).map(([k, v]) => [rename[k] ?? k, v] as const);
  const shown = entries.filter(([k]) => registered.has(k));
  form.setFields(shown.map(([k, v]) => ({ name: toNamePath(k), errors: [v] })));
  return shown.length > 0 && shown.length === entries.length ? null : err.message;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error && err.message ? err.message : GENERIC;
}
