"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useTRPC, useTRPCClient } from "@/components/trpc";
import type { AuditQuery } from "./history";
import { saveFile } from "./save-file";
import { VerdictBanner, type Verdict } from "./verdict-banner";

/** Export the filtered events and verify the organization's hash chain. */
export function HistoryTools({ query }: { query: AuditQuery }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<"jsonl" | "csv" | "verify" | null>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  async function download(format: "jsonl" | "csv") {
    setBusy(format);
    setExportError(null);
    try {
      const file = await client.audit.export.query({ ...query, format });
      saveFile(file.filename, file.contentType, file.body);
    } catch (error) {
      setExportError(error instanceof Error ? error.message : "Export failed");
    } finally {
      setBusy(null);
    }
  }

  async function verify() {
    setBusy("verify");
    setVerdict(null);
    try {
      setVerdict(
        await queryClient.fetchQuery({
          ...trpc.audit.verify.queryOptions({ organizationId: query.organizationId }),
          staleTime: 0,
        }),
      );
    } catch (error) {
      setVerdict({ error: error instanceof Error ? error.message : "unknown error" });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" disabled={busy !== null} onClick={() => void download("jsonl")}>
          {busy === "jsonl" ? "Exporting…" : "Export JSON Lines"}
        </Button>
        <Button variant="secondary" disabled={busy !== null} onClick={() => void download("csv")}>
          {busy === "csv" ? "Exporting…" : "Export CSV"}
        </Button>
        <Button variant="secondary" disabled={busy !== null} onClick={() => void verify()}>
          {busy === "verify" ? "Verifying…" : "Verify integrity"}
        </Button>
      </div>
      {exportError ? (
        <p role="alert" className="text-sm text-red-700">
          Export failed: {exportError}
        </p>
      ) : null}
      <VerdictBanner verdict={verdict} />
    </div>
  );
}
