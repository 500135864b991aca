const numbers = new Intl.NumberFormat("en-US");

/** "0 views", "1 view", "1,234 views". */
export function countLabel(count: number, singular: string, plural = `${singular}s`): string {
  return `${numbers.format(count)} ${count === 1 ? singular : plural}`;
}
