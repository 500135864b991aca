/** "world-news" reads "World News": the label is derived so editors write only the slug. */
export function categoryLabel(category: string): string {
  return category
    .split("-")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
}
