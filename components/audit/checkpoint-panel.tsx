"use client";
import { useQueryClient } from "@tanstack/react-query";
import type { inferRouterInputs } from "@trpc/server";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextArea } from "@/components/ui/text-area";
import { useTRPC, useTRPCClient } from "@/components/trpc";
import type { AppRouter } from "@/server/api/root";
import { saveFile } from "./save-file";
import { VerdictBanner, type Verdict } from "./verdict-banner";
import { refreshAfterWrite } from "@/components/refresh-after-write";

type Checkpoint = NonNullable<inferRouterInputs<AppRouter>["audit"]["verify"]["checkpoint"]>;

const NOT_JSON = "must be the JSON document “Download checkpoint” saved";

/**
 * Signed checkpoints of the organization's chain: owners download one to keep outside
 * Patchbay; anyone who may read the log verifies the chain against one (pasted or chosen as a
 * file). The server checks the signature and the chain; this only parses the JSON.
 */
export function CheckpointPanel({
  organizationId,
  role,
}: {
  organizationId: string;
  role: string;
}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const headingId = useId();
  const fileId = useId();
  const [busy, setBusy] = useState<"download" | "verify" | null>(null);
  const [downloaded, setDownloaded] = useState<{ ok: boolean; text: string } | null>(null);
  const [text, setText] = useState("");
  const [inputError, setInputError] = useState<string | undefined>();
  const [verdict, setVerdict] = useState<Verdict | null>(null);

  async function download() {
    setBusy("download");
    setDownloaded(null);
    try {
      const { filename, checkpoint } = await client.audit.checkpoint.mutate({ organizationId });
      saveFile(filename, "application/json", `${JSON.stringify(checkpoint, null, 2)}\n`);
      setDownloaded({
        ok: true,
        text: `Checkpoint of event #${checkpoint.seq} downloaded as ${filename}. Keep it outside Patchbay.`,
      });
      // The export is itself an audit event: show it.
      await refreshAfterWrite(queryClient, [trpc.audit.list.queryKey()]);
    } catch (error) {
      setDownloaded({
        ok: false,
        text: `Download failed: ${error instanceof Error ? error.message : "unknown error"}`,
      });
    } finally {
      setBusy(null);
    }
  }

  async function choose(file: File | undefined) {
    if (!file) return;
    setText(await file.text());
    setInputError(undefined);
    setVerdict(null);
  }

  async function verify() {
    let checkpoint: Checkpoint;
    try {
      checkpoint = JSON.parse(text) as Checkpoint;
    } catch {
      setInputError(`Checkpoint ${NOT_JSON}`);
      return;
    }
    setInputError(undefined);
    setBusy("verify");
    setVerdict(null);
    try {
      setVerdict(
        await queryClient.fetchQuery({
          ...trpc.audit.verify.queryOptions({ organizationId, checkpoint }),
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
    <section aria-labelledby={headingId} className="space-y-3 rounded-lg p-4 ring-1 ring-slate-200">
      <div>
        <h2 id={headingId} className="text-lg font-semibold">
          Checkpoints
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          A checkpoint is a signed note of the chain&apos;s newest event. Kept outside Patchbay, it
          shows later whether events up to it were deleted or rewritten — even by someone with
          access to the database.
        </p>
      </div>
      {role === "owner" ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button variant="secondary" disabled={busy !== null} onClick={() => void download()}>
            {busy === "download" ? "Signing…" : "Download checkpoint"}
          </Button>
          {downloaded ? (
            <p
              role={downloaded.ok ? "status" : "alert"}
              className={`text-sm ${downloaded.ok ? "text-slate-700" : "text-red-700"}`}
            >
              {downloaded.text}
            </p>
          ) : null}
        </div>
      ) : (
        <p className="text-sm text-slate-500">
          Only owners can download a checkpoint; you can verify against one.
        </p>
      )}
      <form
        aria-label="Verify against a checkpoint"
        className="space-y-2"
        onSubmit={(event) => {
          event.preventDefault();
          void verify();
        }}
      >
        <TextArea
          label="Checkpoint (paste its JSON)"
          rows={4}
          value={text}
          error={inputError}
          onChange={(event) => {
            setText(event.target.value);
            setInputError(undefined);
          }}
          placeholder='{"kind": "patchbay.audit-checkpoint", …}'
          spellCheck={false}
        />
        <div className="flex flex-wrap items-center gap-3">
          <label htmlFor={fileId} className="text-sm text-slate-700">
            or choose its file
          </label>
          <input
            id={fileId}
            type="file"
            accept="application/json,.json"
            className="text-sm"
            onChange={(event) => void choose(event.target.files?.[0])}
          />
        </div>
        <Button type="submit" variant="secondary" disabled={busy !== null || text.trim() === ""}>
          {busy === "verify" ? "Verifying…" : "Verify against checkpoint"}
        </Button>
      </form>
      <VerdictBanner verdict={verdict} label="Checkpoint verification" />
    </section>
  );
}
