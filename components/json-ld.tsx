type Props = { data: object };

/** Structured data for crawlers. `<` is escaped so no string in the data can close the script element. */
export function JsonLd({ data }: Props) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: JSON.stringify(data).replace(/</g, "\\u003c") }} />;
}
