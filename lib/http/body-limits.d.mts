export declare const BODY_LIMIT_BYTES: number;
export declare const LARGE_BODY_PATHS: string[];
export declare function bodyRefusal(
  method: string | undefined,
  path: string,
  headers: Record<string, string | string[] | undefined>,
): [number, string] | null;
