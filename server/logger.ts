import { pino, type Logger } from 'pino';

/** Structured JSON logs (one object a line) at the configured level. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'multihead' } });
}

export type { Logger };
