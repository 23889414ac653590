import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';

describe('parseConfig', () => {
  it('has defaults that need no setup', () => {
    const r = parseConfig({ NODE_ENV: 'production' });
    expect(r).toEqual({
      ok: true,
      config: expect.objectContaining({ port: 3000, host: '0.0.0.0', databaseUrl: 'file:./data/multihead.db', dev: false, logLevel: 'info' }),
    });
  });

  it('reads PORT, DATABASE_URL, LOG_LEVEL and development mode', () => {
    const r = parseConfig({ PORT: '4100', DATABASE_URL: 'file::memory:', LOG_LEVEL: 'debug', NODE_ENV: 'development' });
    expect(r.ok && r.config).toMatchObject({ port: 4100, databaseUrl: 'file::memory:', logLevel: 'debug', dev: true });
  });

  it('names the variable of a bad value in one line', () => {
    const r = parseConfig({ PORT: 'abc' });
    expect(r).toEqual({ ok: false, message: 'Invalid PORT="abc": Invalid input: expected number, received NaN' });
    const level = parseConfig({ LOG_LEVEL: 'loud' });
    expect(level.ok).toBe(false);
    expect(!level.ok && level.message).toMatch(/^Invalid LOG_LEVEL="loud": /);
    expect(parseConfig({ PORT: '70000' }).ok).toBe(false);
    const kernels = parseConfig({ MULTIHEAD_KERNELS: 'simd' });
    expect(!kernels.ok && kernels.message).toMatch(/^Invalid MULTIHEAD_KERNELS="simd": /);
    expect(parseConfig({ MULTIHEAD_KERNELS: 'ts' }).ok).toBe(true);
  });

  it('ignores HOSTNAME, which containers set to the machine name', () => {
    const r = parseConfig({ HOSTNAME: 'container-42' });
    expect(r.ok && r.config.host).toBe('0.0.0.0');
  });

  it('treats an empty value as unset', () => {
    const r = parseConfig({ PORT: '' });
    expect(r.ok && r.config.port).toBe(3000);
  });

  it('reads PUBLIC_ORIGIN as an origin, and refuses one that is not an http(s) URL', () => {
    const r = parseConfig({ PUBLIC_ORIGIN: 'https://Multihead.example.org/app/' });
    expect(r.ok && r.config.publicOrigin).toBe('https://multihead.example.org');
    expect(parseConfig({}).ok && (parseConfig({}) as { config: { publicOrigin?: string } }).config.publicOrigin).toBeUndefined();
    const bad = parseConfig({ PUBLIC_ORIGIN: 'ftp://example.org' });
    expect(!bad.ok && bad.message).toMatch(/^Invalid PUBLIC_ORIGIN="ftp:\/\/example.org": must be an http\(s\) URL/);
  });

  it('reads REDIS_URL (several instances) and refuses one that is not a redis URL', () => {
    const r = parseConfig({ REDIS_URL: 'redis://10.0.0.5:6379' });
    expect(r.ok && r.config.redisUrl).toBe('redis://10.0.0.5:6379');
    expect(parseConfig({}).ok && (parseConfig({}) as { config: { redisUrl?: string } }).config.redisUrl).toBeUndefined();
    const bad = parseConfig({ REDIS_URL: 'http://10.0.0.5' });
    expect(!bad.ok && bad.message).toMatch(/^Invalid REDIS_URL="http:\/\/10.0.0.5": must be a redis:\/\//);
  });
});
