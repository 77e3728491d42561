// Workspace lint rules: typescript-eslint for code, Nx module boundaries for the architecture
// (apps may use libs, libs never use apps), dependency-checks for each package.json.
import nx from '@nx/eslint-plugin';
import * as jsoncParser from 'jsonc-eslint-parser';

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
          // Shared build and test settings (tools/build) are configuration, not a project dependency.
          allow: ['../../tools/build/*'],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
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
