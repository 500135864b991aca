import type { Highlighted } from "@/lib/archive/search";

type Props = { runs: Highlighted };

/** Text with its matched words in `<mark>`; React escapes every run, so no markup can get through. */
export function HighlightedText({ runs }: Props) {
  return runs.map((run, index) => (run.match ? <mark key={index}>{run.text}</mark> : run.text));
}
