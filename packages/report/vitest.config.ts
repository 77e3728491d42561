import { projectVitestConfig } from '../../tools/build/vitest-project.mjs';

export default projectVitestConfig(import.meta.dirname, 'report');
