import type { FormInstance } from 'antd';
import { showProblem } from './problem';

/** Whether a form's command is on its way (one per form: what `submitOnce` keeps between calls). */
export interface InFlight {
  running: boolean;
}

/** How a submission shows itself as it goes: busy, then what to say of a refusal (undefined: nothing). */
export interface SubmissionView {
  busy(busy: boolean): void;
  failed(failure: string | undefined): void;
}

/**
 * Reads a refusal before it is shown: answers the error to show (the same one, or one whose fields
 * are named as the form names them), or null when the caller has dealt with it and nothing is shown.
 */
export type Refusal = (error: unknown) => unknown;

/**
 * Sends a form's command once: a second submission while the first is on its way (a double click,
 * Enter pressed again) sends nothing — the command would otherwise go twice, each time under a new
 * Idempotency-Key. Busy meanwhile; the earlier failure cleared; an API refusal shown beside the fields
 * it names (`showProblem`) and the rest as the form's failure. Answers whether the command was sent.
 */
export async function submitOnce(inFlight: InFlight, form: FormInstance | undefined, send: () => Promise<void>, view: SubmissionView, refusal?: Refusal): Promise<boolean> {
  if (inFlight.running) return false;
  inFlight.running = true;
  view.busy(true);
  view.failed(undefined);
  try {
    await send();
  } catch (error) {
    const shown = refusal ? refusal(error) : error;
    if (shown !== null) view.failed(showProblem(form, shown));
  } finally {
    inFlight.running = false;
    view.busy(false);
  }
  return true;
}
