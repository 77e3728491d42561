import type { UserConfig } from 'vitest/config';

export function projectVitestConfig(dir: string, name: string, options?: { testTimeout?: number; mutationExclude?: string[] }): UserConfig;
