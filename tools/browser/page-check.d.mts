// Types of page-check.mjs for the TypeScript tests that use it.
export interface CanvasSeen {
  id: string | null;
  width: number;
  height: number;
  /** Pixels with any paint (alpha > 0). */
  painted: number;
}
export interface SvgSeen {
  id: string | null;
  elements: number;
}
export interface PageSeen {
  errors: string[];
  /** Requests other than the page itself (refused). */
  requests: string[];
  /** What the page's script recorded: charts drawn, errors, ms spent drawing, ms from navigation start to done. */
  report: { charts: Record<string, { points: number; series: number; values: number[]; sums?: number[] }>; errors: string[]; ready: boolean; ms: number; readyAt: number; paintedAt: number };
  canvases: CanvasSeen[];
  svgs: SvgSeen[];
  /** With the `hover` option: the text of its `read` element after hovering its `selector`. */
  hovered: string | null;
  /** ms from navigation start to when the check read the page (an upper bound of readyAt). */
  readyMs: number;
}
export function chromiumPath(): string | null;
export const NO_BROWSER_MESSAGE: string;
export function browserOrLoudSkip(skip: (name: string, fn: () => void) => void): boolean;
export function checkPage(file: string, opts?: { screenshot?: string; width?: number; height?: number; hover?: { selector: string; read: string }; clipHeight?: number; clipTo?: string }): Promise<PageSeen>;
