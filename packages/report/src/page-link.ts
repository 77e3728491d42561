/** How a command shows a page it wrote: a file:// link on a terminal (clickable), the given display path otherwise. */
import { pathToFileURL } from 'node:url';

export function pageLink(path: string, show: (p: string) => string, tty = Boolean(process.stdout.isTTY)): string {
  return tty ? pathToFileURL(path).href : show(path);
}
