import { projectConfigWith } from '../../eslint.config.mjs';

// piscina stays outside the bundle (it locates its worker script through __dirname): dist/ loads it at run time.
export default projectConfigWith({ ignoredDependencies: ['piscina'] });
