"use client";

import { ServerErrorMessage } from "@/components/problem-message";

// Details stay in the server log: a reader sees neither the error nor any path or stack.
export default function ErrorPage() {
  return <ServerErrorMessage />;
}
