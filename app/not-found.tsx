import { ProblemMessage } from "@/components/problem-message";

export default function NotFound() {
  return <ProblemMessage title="Page not found">We could not find that page. It may have moved, or the link may be mistyped.</ProblemMessage>;
}
