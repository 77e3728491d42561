/** How the CLI shows a page it wrote: a file:// link on a terminal (clickable), the workspace path otherwise. */
import { pathToFileURL } from 'node:url';
import { shown } from './cli-context.js';

export function pageLink(path: string, tty = Boolean(process.stdout.isTTY)): string {
  return tty ? pathToFileURL(path).href : shown(path);
}
