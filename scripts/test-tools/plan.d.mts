export type Tool = { command: string; why: string; packages: Record<string, string> };
export declare const TOOLS: Tool[];
export declare function packageManager(platform: string, osRelease?: string): string | null;
export type Plan =
  | { action: 'none' }
  | { action: 'install'; tools: Tool[]; packages: string[]; command: string }
  | { action: 'stop'; tools: Tool[]; command: string | null };
export declare function plan(input: {
  missing: string[];
  platform: string;
  osRelease?: string;
  can: { root?: boolean; sudo?: boolean; aptGet?: boolean };
}): Plan;
export declare function stopMessage(p: Plan & { action: 'stop' }): string;
