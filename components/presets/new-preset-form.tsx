"use client";
// Starting a preset (ops and owners): a bundle, a name, and the values to begin with — one
// of the presets its newest version ships, or the schema's defaults (the server fills them
// in). Creating writes draft v1; the preset's page is where it is shaped and published.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextArea } from "@/components/ui/text-area";
import { TextField } from "@/components/ui/text-field";
import { fieldErrors } from "./types";
import { refreshAfterWrite } from "@/components/refresh-after-write";

export function NewPresetForm({
  orgSlug,
  organizationId,
  bundle: initialBundle,
  onCancel,
}: {
  orgSlug: string;
  organizationId: string;
  bundle?: string;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const bundles = useQuery(trpc.catalog.list.queryOptions({ organizationId }));
  const [bundleName, setBundleName] = useState(initialBundle ?? "");
  const chosen = bundleName || bundles.data?.[0]?.name || "";
  const detail = useQuery({
    ...trpc.catalog.bundle.queryOptions({ organizationId, name: chosen }),
    enabled: !!chosen,
  });
  const [startFrom, setStartFrom] = useState<string | null>(null);
  const [name, setName] = useState("");
  // Asked for, never copied: a built-in's description says what the bundle ships, not why this
  // organization's preset exists.
  const [description, setDescription] = useState("");
  const [missing, setMissing] = useState(false);
  const create = useMutation(trpc.preset.create.mutationOptions());
  const shipped = detail.data?.presets ?? [];
  // The first shipped preset unless the user picked something else ("" = schema defaults).
  const start = startFrom ?? shipped[0]?.name ?? "";
  const fields = fieldErrors(create.error);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!detail.data) return;
    if (!description.trim()) {
      setMissing(true);
      return;
    }
    const values = structuredClone(shipped.find((p) => p.name === start)?.values ?? {});
    create.mutate(
      {
        organizationId,
        bundle: chosen,
        name: name.trim(),
        description: description.trim(),
        values,
      },
      {
        onSuccess: async ({ id }) => {
          await refreshAfterWrite(queryClient, [trpc.preset.pathKey()]);
          router.push(`/o/${orgSlug}/presets/${id}`);
        },
      },
    );
  }

  return (
    <form
      aria-label="New preset"
      onSubmit={onSubmit}
      noValidate
      className="space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200"
    >
      <h2 className="text-base font-semibold">New preset</h2>
      <div className="grid gap-4 md:grid-cols-3">
        <SelectField
          label="Bundle"
          value={chosen}
          onChange={(e) => {
            setBundleName(e.target.value);
            setStartFrom(null);
          }}
          error={fields.bundle?.[0] ? `Bundle ${fields.bundle[0]}` : undefined}
        >
          {bundles.data?.map((b) => (
            <option key={b.name} value={b.name}>
              {b.name}@{b.version}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Start from"
          value={start}
          onChange={(e) => setStartFrom(e.target.value)}
          disabled={!detail.data}
        >
          {shipped.map((p) => (
            <option key={p.name} value={p.name}>
              Built-in preset: {p.name}
            </option>
          ))}
          <option value="">Schema defaults</option>
        </SelectField>
        <TextField
          label="Preset name"
          value={name}
          maxLength={80}
          placeholder="Postgres – Production"
          autoComplete="off"
          onChange={(e) => setName(e.target.value)}
          error={fields.name?.[0] ? `Name ${fields.name[0]}` : undefined}
        />
      </div>
      <TextArea
        label="Description"
        value={description}
        maxLength={500}
        rows={2}
        placeholder={
          shipped.find((p) => p.name === start)?.description
            ? `What this preset is for here. The built-in says: “${shipped.find((p) => p.name === start)?.description}”`
            : "What this preset is for, and who should use it"
        }
        onChange={(e) => {
          setDescription(e.target.value);
          setMissing(false);
        }}
        error={
          missing
            ? "Description is required: say what this preset is for in your organization"
            : fields.description?.[0]
              ? `Description ${fields.description[0]}`
              : undefined
        }
      />
      {create.error ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200"
        >
          {create.error.message}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={!detail.data || create.isPending}>
          {create.isPending ? "Creating…" : "Create preset"}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
      <p className="text-xs text-slate-500">
        Creates draft v1 against the bundle&apos;s newest version; nothing is usable until you
        publish it.
      </p>
    </form>
  );
}
