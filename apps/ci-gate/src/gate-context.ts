/** The workspace root ci-gate resolves relative paths against (as `nx run` changes the working directory). */
import { findWorkspaceRoot, workspacePaths } from '@mm-profiles/profile-core';

export const { root, fromRoot, shown } = workspacePaths(findWorkspaceRoot(process.cwd()));
