import { ProblemError } from '@houqin/api-client';
import type { FormInstance } from 'antd';
import { formFieldName } from './format';

/**
 * Shows an API error where it belongs: each field the problem+json names beside that field of the
 * form (when the form has it), anything else as one message. Answers the text of that message, or
 * undefined when every error found its field.
 */
export function showProblem(form: FormInstance | undefined, error: unknown): string | undefined {
  if (!(error instanceof ProblemError)) return error instanceof Error ? error.message : String(error);
  const fields = error.fieldErrors;
  const unplaced: string[] = [];
  if (form && fields.length > 0) {
    const placed = fields.filter((field) => {
      const name = formFieldName(field.field);
      const known = form.getFieldInstance(name) !== undefined || hasField(form, name);
      if (!known) unplaced.push(`${field.field}: ${field.message}`);
      return known;
    });
    form.setFields(placed.map((field) => ({ name: formFieldName(field.field), errors: [field.message] })));
    if (unplaced.length === 0 && placed.length > 0) return undefined;
  }
  return unplaced.length > 0 ? unplaced.join('; ') : (error.problem.detail ?? error.problem.title);
}

function hasField(form: FormInstance, name: Array<string | number>): boolean {
  try {
    return form.isFieldTouched(name) || form.getFieldValue(name) !== undefined;
  } catch {
    return false;
  }
}
