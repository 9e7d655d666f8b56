import type { FormInstance } from 'antd';
import { useRef, useState } from 'react';
import { Refusal, submitOnce } from './submission';

export interface Submit<T> {
  /** The command is on its way: the submit button shows it (`loading`). */
  busy: boolean;
  /** What the last refusal said that no field of the form could show. */
  failure: string | undefined;
  setFailure(failure: string | undefined): void;
  /** The form's `onFinish`: sends `action` once at a time (see `submitOnce`). */
  submit(values: T): Promise<void>;
}

/**
 * A form's submission: `action` sends the command and does what follows an accepted one (a message,
 * closing, reading again); a refusal is shown beside the fields it names, the rest as `failure`.
 * `refusal` reads a refusal first (a 409 the page answers in its own way).
 */
export function useSubmit<T>(form: FormInstance | undefined, action: (values: T) => Promise<void>, refusal?: Refusal): Submit<T> {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const inFlight = useRef({ running: false });
  const submit = async (values: T): Promise<void> => {
    await submitOnce(inFlight.current, form, () => action(values), { busy: setBusy, failed: setFailure }, refusal);
  };
  return { busy, failure, setFailure, submit };
}
