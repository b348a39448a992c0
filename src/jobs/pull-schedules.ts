/**
 * Partner pull schedules (Node): a partner whose FHIR endpoint has `pullEveryMinutes` (partner
 * registry or `POST /v1/partners`, stored with the partner) is pulled every that many minutes, as a pull job. Every service
 * instance reads the schedules from the store at start and every minute and hands them to its job
 * queue: with Redis they are BullMQ job schedulers, one per partner in Redis however many instances
 * set them, so each tick is one pull job across the fleet; without Redis, timers of the process.
 * @module
 */
import type { PartnerData } from '../server/ports.js';
import type { JobQueue, PullSchedule } from './job-queue.js';

/** The pull schedules of the store's partners (endpoint with a whole `pullEveryMinutes` ≥ 1). */
export async function pullSchedulesOf(
  store: Pick<PartnerData, 'listPartners'>,
): Promise<PullSchedule[]> {
  const out: PullSchedule[] = [];
  for (const p of await store.listPartners()) {
    const every = p.fhirEndpoint?.['pullEveryMinutes'];
    if (typeof every === 'number' && Number.isInteger(every) && every >= 1)
      out.push({ partnerId: p.id, everyMs: every * 60_000 });
  }
  return out;
}

/** Running schedule synchronisation. */
export interface PullScheduling {
  /** Reads the schedules and hands them to the queue now. */
  sync(): Promise<void>;
  stop(): void;
}

/** Synchronises the queue's pull schedules with the store at start and every `everyMs` (default one minute). */
export function startPullScheduling(
  jobs: Pick<JobQueue, 'schedulePulls'>,
  store: Pick<PartnerData, 'listPartners'>,
  onError: (code: string) => void,
  everyMs = 60_000,
): PullScheduling {
  const sync = async (): Promise<void> => {
    try {
      await jobs.schedulePulls(await pullSchedulesOf(store));
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      onError(typeof code === 'string' ? code : error instanceof Error ? error.name : 'error');
    }
  };
  void sync();
  const timer = setInterval(() => void sync(), everyMs);
  timer.unref();
  return { sync, stop: () => clearInterval(timer) };
}
