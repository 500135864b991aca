import type { Correction } from "@/lib/content/article-schema";

type Props = { corrections: readonly Correction[] | undefined };

/** An article's corrections under its body, each with its date: "Correction, April 22, 2026: …". */
export function Corrections({ corrections }: Props) {
  if (!corrections?.length) return null;
  return (
    <section className="corrections" aria-labelledby="article-corrections">
      <h2 id="article-corrections">{corrections.length === 1 ? "Correction" : "Corrections"}</h2>
      <ul role="list">
        {corrections.map((correction, at) => (
          <li key={at}>
            <strong>
              Correction, <time dateTime={correction.date.day}>{correction.date.label}</time>:
            </strong>{" "}
            {correction.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
