/**
 * What every command shares: the workspace root (relative paths resolve against it, as `nx run` changes the
 * working directory), path display, and the error boundary that turns a user error into one line and exit 2.
 */
import { findWorkspaceRoot, runCommand, workspacePaths } from '@mm-profiles/profile-core';

export const { root, fromRoot, shown } = workspacePaths(findWorkspaceRoot(process.cwd()));

export const run = (body: () => Promise<number | void> | number | void): Promise<void> => runCommand('mm', body);
