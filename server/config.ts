import { z } from 'zod';
import { resolveDatabaseUrl } from './database-url.ts';
import { JobsEnvSchema, jobPoolSettingsFromEnv, type JobPoolSettings } from './jobs/pool-settings.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// HOSTNAME is deliberately not read: containers set it to the machine's name.
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.string().min(1).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_ORIGIN: z
    .string()
    .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'must be an http(s) URL such as https://multihead.example.org')
    .transform((v) => new URL(v).origin)
    .optional(),
  // Several instances share rooms, presence and (soon) jobs through this Redis (server/cluster/).
  REDIS_URL: z
    .string()
    .refine((v) => URL.canParse(v) && /^rediss?:$/.test(new URL(v).protocol), 'must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379')
    .optional(),
  // Read by each job worker (server/kernels/load-kernels.ts); checked here so a typo stops the server at start.
  MULTIHEAD_KERNELS: z.enum(['ts', 'wasm']).optional(),
}).extend(JobsEnvSchema.shape);

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  dev: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  shutdownTimeoutMs: number;
  /** Signs guest cookies; when unset, one is made and kept in dataDir. */
  sessionSecret: string | undefined;
  /** Where the server keeps its own files (the default database, the generated session secret). */
  dataDir: string;
  /** The address people open the app at, when a proxy makes it differ from the Host the server sees (checked against Origin). */
  publicOrigin: string | undefined;
  /** Redis shared by several server instances; unset, this one process is the whole server. */
  redisUrl: string | undefined;
  /** The worker pool for runs and training (JOB_* variables). */
  jobs: JobPoolSettings;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

/** Parses the environment once; a bad value yields one line naming the variable. */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  // Empty strings mean "unset", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? 'environment');
    const value = env[name];
    return { ok: false, message: `Invalid ${name}${value === undefined ? '' : `=${JSON.stringify(value)}`}: ${issue.message}` };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      databaseUrl: resolveDatabaseUrl(e.DATABASE_URL),
      dev: e.NODE_ENV === 'development',
      logLevel: e.LOG_LEVEL,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      sessionSecret: e.SESSION_SECRET,
      dataDir: e.DATA_DIR,
      publicOrigin: e.PUBLIC_ORIGIN,
      redisUrl: e.REDIS_URL,
      jobs: jobPoolSettingsFromEnv(e),
    },
  };
}
