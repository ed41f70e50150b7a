import type { FormInstance } from 'antd';

/**
 * AntD rejects validateFields with `{ errorFields }` when a field is invalid, and has already drawn the
 * reasons beside the fields. Left uncaught that rejection becomes an unhandled error in the page, so
 * callers get undefined and simply stop.
 */
export async function validValues<T>(form: FormInstance<T>): Promise<T | undefined> {
  try {
    return await form.validateFields();
  } catch (e) {
    if (e && typeof e === 'object' && 'errorFields' in e) return undefined;
    throw e;
  }
}
