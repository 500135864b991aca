import { contentDir, loadArticles } from "../lib/articles";
import { ContentError } from "../lib/content-error";

try {
  const articles = loadArticles(contentDir());
  console.log(`Content OK: ${articles.length} article${articles.length === 1 ? "" : "s"} in ${contentDir()}`);
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
