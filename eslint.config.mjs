// Workspace lint rules: typescript-eslint for code, Nx module boundaries for the architecture
// (apps may use libs, libs never use apps; scope tags keep SPEC 2's one-way layering), dependency-checks for
// each package.json.
import nx from '@nx/eslint-plugin';
import * as jsoncParser from 'jsonc-eslint-parser';

/**
 * SPEC 2's layering, one way: apps -> sweep -> soak-runner -> {sentinel, quoter, market-sim}; sentinel and quoter
 * -> profile-core; market-sim and profile-core use no package of ours; only apps import the sweep and the report
 * pages (report -> soak-runner). Each scope tag (in the project's package.json "nx.tags") lists the scopes it
 * may use. A workspace package a project
 * has not declared in its package.json resolves as an npm package, so the same rule is also written as banned
 * external imports: the forbidden import fails lint either way.
 */
const LAYERS = {
  'scope:core': { pkg: '@mm-profiles/profile-core', uses: [] },
  'scope:sim': { pkg: '@mm-profiles/market-sim', uses: [] },
  'scope:strategy': { pkg: '@mm-profiles/quoter', uses: ['scope:core'] },
  'scope:guard': { pkg: '@mm-profiles/sentinel', uses: ['scope:core'] },
  'scope:engine': { pkg: '@mm-profiles/soak-runner', uses: ['scope:guard', 'scope:strategy', 'scope:sim', 'scope:core'] },
  'scope:sweep': { pkg: '@mm-profiles/sweep', uses: ['scope:engine', 'scope:guard', 'scope:strategy', 'scope:sim', 'scope:core'] },
  // The report pages read soak artifacts (types and constants of soak-runner); only apps import them.
  'scope:report': { pkg: '@mm-profiles/report', uses: ['scope:engine', 'scope:guard', 'scope:strategy', 'scope:sim', 'scope:core'] },
  'scope:app': { pkg: undefined, uses: ['scope:report', 'scope:sweep', 'scope:engine', 'scope:guard', 'scope:strategy', 'scope:sim', 'scope:core'] },
};
const APP_PACKAGES = ['@mm-profiles/cli', '@mm-profiles/ci-gate'];
const layerConstraints = Object.entries(LAYERS).map(([tag, { uses }]) => ({
  sourceTag: tag,
  onlyDependOnLibsWithTags: uses,
  bannedExternalImports: [
    ...APP_PACKAGES,
    ...Object.entries(LAYERS)
      .filter(([other, { pkg }]) => pkg !== undefined && other !== tag && !uses.includes(other))
      .map(([, { pkg }]) => pkg),
  ],
}));

const workspaceConfig = [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/vite.config.*.timestamp*', '**/vitest.config.*.timestamp*', 'artifacts/**', '.nx/**'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          // Shared build and test settings (tools/build), the browser page check of the tests (tools/browser) and
          // the coverage tool a test checks (tools/coverage) are configuration, not a project dependency.
          allow: ['../../tools/build/*', '../../../tools/browser/*', '../../../../tools/browser/*', '../../../../tools/coverage/*'],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            ...layerConstraints,
          ],
        },
      ],
      // A package's public API is its index.ts; its src/internal/ is private to it. Deep imports of a package
      // (`@mm-profiles/<pkg>/...`) and paths into another package's internal/ (relative, or via its dist) fail.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@mm-profiles/[^/]+/(?!package\\.json$)',
              message: "Import a package by its name only (@mm-profiles/<pkg>): its index.ts is its public API.",
            },
            {
              regex: '(^|/)(src|dist)/internal(/|$)',
              message: "Another package's src/internal/ is private to it: import what its index.ts exports.",
            },
          ],
        },
      ],
      // Indexing typed arrays and checked maps in hot loops; the checks live one line up.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];

export default workspaceConfig;

/**
 * What every project's eslint.config.mjs uses: the workspace rules plus @nx/dependency-checks on its
 * package.json (config and test files are not shipped, so their imports need no dependency).
 */
export const projectConfig = projectConfigWith({});

/** The same, with extra @nx/dependency-checks options (e.g. `ignoredDependencies` a bundle loads at run time). */
export function projectConfigWith(checks) {
  return [
    ...workspaceConfig,
    {
      files: ['**/*.json'],
      rules: {
        '@nx/dependency-checks': [
          'error',
          {
            ...checks,
            ignoredFiles: [
              '{projectRoot}/eslint.config.{js,cjs,mjs}',
              '{projectRoot}/vitest.config.{js,ts,mjs,mts}',
              '{projectRoot}/rolldown.config.{js,mjs}',
              '{projectRoot}/**/*.spec.ts',
            ],
          },
        ],
      },
      languageOptions: { parser: jsoncParser },
    },
  ];
}
