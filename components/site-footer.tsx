import Link from "next/link";

type Props = { siteName: string };

export function SiteFooter({ siteName }: Props) {
  return (
    <footer className="site-footer">
      <p>
        {siteName} · <Link href="/feed.xml">RSS feed</Link> · <Link href="/sitemap.xml">Sitemap</Link>
      </p>
    </footer>
  );
}
