import { projectConfigWith } from '../../eslint.config.mjs';

// piscina, bullmq and ioredis stay outside the bundle (rolldown.config.mjs): dist/ loads them at run time.
export default projectConfigWith({ ignoredDependencies: ['piscina', 'bullmq', 'ioredis'] });
