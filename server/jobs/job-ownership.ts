import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';

/** The Redis connection the job queue's side uses (RESP2, as BullMQ and socket.io's adapter read it). */
export const redisClient = (url: string) => createClient({ url, RESP: 2 });
type RedisClient = ReturnType<typeof redisClient>;

/** Present while the instance `id` lives: renewed every third of its time to live. */
export const instanceKey = (id: string) => `multihead:instances:${id}`;
/** The instance that relays a job's events and stores its end (per queue, as job ids are). */
export const ownerKey = (queue: string, jobId: string) => `multihead:${queue}:owner:${jobId}`;
/** Jobs of a queue accepted by some instance whose end nobody has told yet. */
export const openJobsKey = (queue: string) => `multihead:${queue}:open`;
/** Longer than a finished job stays in the queue (an hour), so an owner outlives its job's record. */
const OWNER_TTL_MS = 2 * 3600_000;

/**
 * Takes a job over when its owner is gone, in one step on Redis so two instances never both do:
 * 1 when the caller owns it now (or already did), 0 when its owner lives or its end was told.
 */
const CLAIM = `
if redis.call('SISMEMBER', KEYS[2], ARGV[2]) == 0 then return 0 end
local owner = redis.call('GET', KEYS[1])
if owner == ARGV[1] then return 1 end
if owner and redis.call('EXISTS', ARGV[3] .. owner) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[4])
return 1`;

/**
 * Who answers for a queued job among the server instances. The accepting instance owns it; each
 * instance keeps a heartbeat key with a time to live, and when an owner's key is gone (it died, or
 * closed and handed its jobs over) the first live instance to claim one of its jobs owns it from
 * then on. Telling a job's end is guarded apart (`finish`: removal from the open set), so a
 * result is stored once even if an owner thought dead comes back.
 *
 * Why one owner rather than every instance relaying to its own sockets (`io.local`) while one
 * elected instance stores: the room, the run store and the gradings all listen on the runner, and
 * a room's broadcast already reaches every instance through the adapter, so with one owner every
 * event keeps one path, exactly as on a single instance. What a dead owner costs is the progress
 * sent before its heartbeat runs out (JOB_LOCK_MS); its job's end is told all the same, since a
 * job stays open until someone tells it.
 *
 * Needs one Redis (the claim script reads keys it is not given: not for Redis Cluster).
 */
export class JobOwnership {
  /** This instance, in owner keys. */
  readonly me = randomUUID();
  private beating: ReturnType<typeof setInterval> | undefined;
  private readonly open: string;

  constructor(
    private readonly redis: RedisClient,
    /** The BullMQ queue whose jobs these are. */
    private readonly queue: string,
    /** How long an instance that stopped beating is still believed alive. */
    readonly ttlMs: number,
  ) {
    this.open = openJobsKey(queue);
  }

  /** Starts the heartbeat; `each` runs after every beat (the runner looks for orphaned jobs then). */
  async start(each: () => void): Promise<void> {
    await this.beat();
    this.beating = setInterval(() => {
      this.beat().then(each, () => undefined);
    }, this.beatMs);
    this.beating.unref();
  }

  /** How often the heartbeat is renewed and orphans are looked for. */
  get beatMs(): number {
    return Math.max(100, Math.round(this.ttlMs / 3));
  }

  /** Records this instance as the owner of a job it accepts (before it is queued). */
  async take(jobId: string): Promise<void> {
    await this.redis.multi().set(ownerKey(this.queue, jobId), this.me, { PX: OWNER_TTL_MS }).sAdd(this.open, jobId).exec();
  }

  /** Becomes the owner of an open job whose owner is gone; false when it lives (or the job's end was told). */
  async claim(jobId: string): Promise<boolean> {
    const args = [this.me, jobId, instanceKey(''), String(OWNER_TTL_MS)];
    return Number(await this.redis.eval(CLAIM, { keys: [ownerKey(this.queue, jobId), this.open], arguments: args })) === 1;
  }

  /** The open jobs of every instance. */
  openJobs(): Promise<string[]> {
    return this.redis.sMembers(this.open);
  }

  /** Of `jobIds`, those another instance has taken over (this one was believed dead for a while). */
  async lost(jobIds: string[]): Promise<string[]> {
    if (jobIds.length === 0) return [];
    const owners = await this.redis.mGet(jobIds.map((id) => ownerKey(this.queue, id)));
    return jobIds.filter((_, i) => owners[i] !== null && owners[i] !== this.me);
  }

  /** True for exactly one caller per job, across instances: that one tells (and stores) its end. */
  async finish(jobId: string): Promise<boolean> {
    const [removed] = await this.redis.multi().sRem(this.open, jobId).del(ownerKey(this.queue, jobId)).exec();
    return Number(removed) === 1;
  }

  /** Stops the heartbeat and hands this instance's jobs over at once (a dead one's go after its time to live). */
  async close(): Promise<void> {
    clearInterval(this.beating);
    await this.redis.del(instanceKey(this.me)).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    await this.redis.set(instanceKey(this.me), '1', { PX: this.ttlMs });
  }
}
