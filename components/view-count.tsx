import { countLabel } from "@/lib/pages/count-label";

type Props = { views: number };

/** " · 2 views", for the article meta line. */
export function ViewCount({ views }: Props) {
  return (
    <>
      <span aria-hidden="true"> · </span>
      <span className="meta-views">{countLabel(views, "view")}</span>
    </>
  );
}
