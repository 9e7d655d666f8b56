import { NotPermittedError } from '@houqin/domain';

/**
 * The caller is not the person the work is named to: a finding is recorded by an assignee of its
 * task, a rectification answered by its responsible person. Answered 403 naming the role, to
 * those who may read the record (anyone else is told it does not exist).
 */
export class NotNamedError extends NotPermittedError {
  constructor(
    readonly role: 'assignee' | 'responsible person',
    field: string,
    subject: string,
  ) {
    super(
      `not-named-${role === 'assignee' ? 'assignee' : 'responsible'}`,
      `only ${role === 'assignee' ? 'an assignee named on the task' : 'the responsible person named on the finding'} may ${subject}`,
      field,
    );
  }
}
