import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/client';
import type { Services } from '../../services';
import { directorySyncJob } from './directory-sync.job';
import { directoryReconcileJob } from './reconcile.job';
import { createJobs, type Jobs } from './jobs.service';
import type { JobsOptions } from './jobs.types';

/** Starts the background jobs with the app and stops them (then drains sync runs) on close. */
export async function registerJobs(
  app: FastifyInstance,
  deps: { services: Services; database: Database; options: JobsOptions },
): Promise<Jobs> {
  const { services, database } = deps;
  const log = app.log.child({ module: 'jobs' });
  const jobs = await createJobs({
    database,
    sources: services.thirdAppConfig,
    kinds: [
      directorySyncJob({ db: database.db, sync: services.directorySync, log }),
      directoryReconcileJob({ db: database.db, callbacks: services.callbacks, log }),
    ],
    log,
    options: deps.options,
  });
  services.thirdAppConfig.onChange((change) => jobs.configChanged(change));
  app.addHook('onClose', async () => {
    await jobs.stop();
    // A job taken just before the stop may have launched a run: it ends before the database closes.
    await services.directorySync.drain();
  });
  return jobs;
}
