export interface LocalRedis {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export function findRedisServer(): string | null;
export const INSTALL_HINT: string;
export function freePort(): Promise<number>;
export function startLocalRedis(options?: { tries?: number }): Promise<LocalRedis>;
