/** A refusal as a value: an HTTP status, a code for programs and a sentence for people. */
export interface Refusal {
  ok: false;
  status: number;
  code: string;
  message: string;
}
export type Outcome<T> = { ok: true; value: T } | Refusal;

export const refuse = (status: number, code: string, message: string): Refusal => ({ ok: false, status, code, message });
