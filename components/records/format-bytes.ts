/** A file size in the reader's language: "820 kB", "12.4 MB". */
export function formatBytes(bytes: number, locale: string): string {
  const [unit, value] =
    bytes >= 1024 * 1024
      ? (['megabyte', bytes / (1024 * 1024)] as const)
      : bytes >= 1024
        ? (['kilobyte', bytes / 1024] as const)
        : (['byte', bytes] as const);
  return new Intl.NumberFormat(locale === 'hi' ? 'hi-IN' : 'en-IN', {
    style: 'unit',
    unit,
    maximumFractionDigits: 1,
  }).format(value);
}
