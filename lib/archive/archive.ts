import type { ArticleBody } from "../content/article-schema";
import { articleBody, feedBody } from "../content/article-body";
import { contentDir } from "../content/content-dir";
import { processWide } from "./process-wide";
import { Snapshot, type ListFilter } from "./snapshot";
import { snapshotFile } from "./snapshot-file.mjs";

export { snapshotFile };
export type { AuthorSummary, CategorySummary, ListFilter, SearchResults } from "./snapshot";

// In development the folder is re-read when any file changes, so an edit shows on reload, and
// drafts are listed. Tests read their fixture folders the same way. A production server reads
// only the snapshot the build wrote, and never loads the parser and the snapshot writer: with
// NODE_ENV inlined, the bundler leaves this import out.
const folder = process.env.NODE_ENV === "production" ? undefined : await import("./folder-snapshot");
const includeDrafts = process.env.NODE_ENV === "development";

type Opened = { source: string; signature: string | undefined; snapshot: Snapshot };
const state = processWide("archive", (): { opened?: Opened } => ({}));

/** The snapshot this process serves, opened (or, from a folder, written) on first use. */
export function archive(): Snapshot {
  const source = folder ? contentDir() : snapshotFile();
  const signature = folder?.folderSnapshotSignature(source);
  const { opened } = state;
  if (opened?.source === source && opened.signature === signature) return opened.snapshot;
  const snapshot = folder ? folder.snapshotOfFolder(source, includeDrafts) : Snapshot.open(source);
  opened?.snapshot.db.close();
  state.opened = { source, signature, snapshot };
  return snapshot;
}

export const getArticle = (slug: string) => archive().article(slug);
export const getCategories = () => archive().categories();
export const getTags = () => archive().tags();
export const getAuthor = (slug: string) => archive().author(slug);
export const getAuthors = () => archive().authors();
export const getRelatedArticles = (slug: string) => archive().related(slug);
export const listArticles = (filter: ListFilter, offset: number, limit: number) => archive().list(filter, offset, limit);
export const countArticles = (filter: ListFilter = {}) => archive().count(filter);
export const newestArticles = (limit: number) => archive().list({}, 0, limit);
export const searchArticles = (...args: Parameters<Snapshot["search"]>) => archive().search(...args);

function bodySource(slug: string) {
  const source = archive().body(slug);
  if (!source) throw new Error(`no article ${slug} in the archive`);
  return source;
}

/** The body of the article at `slug`, rendered (or read from the content cache); throws for an unknown slug. */
export async function getArticleBody(slug: string): Promise<ArticleBody> {
  return articleBody(bodySource(slug));
}

/** The body of the article at `slug` as feeds carry it (see feedBody); throws for an unknown slug. */
export async function getArticleFeedBody(slug: string, origin: string, make: (body: ArticleBody) => string): Promise<string> {
  return feedBody(bodySource(slug), origin, make);
}
