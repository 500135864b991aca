import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// waitFor's default of 1 s is a budget a busy machine can miss; this is a hang guard (see vitest.config.ts).
configure({ asyncUtilTimeout: 15_000 });

afterEach(cleanup);
