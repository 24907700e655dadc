export declare function onPath(name: string, env?: NodeJS.ProcessEnv): string | null;
export declare function findChromium(
  env?: NodeJS.ProcessEnv,
): { path: string; source: string } | null;
