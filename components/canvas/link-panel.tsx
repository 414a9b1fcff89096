"use client";
// The selected link (a "line" on screen): what it carries and the policies it grants the
// consumer in the current environment: one rung of the type's ladder, plus additive policies
// (policy-choice.tsx). A choice belongs to the link in this environment (a `setLinkPolicy`
// operation), so staging can read while production writes; the server accepts only what the
// panel offers.
import { useShallow } from "zustand/react/shallow";
import { Button } from "@/components/ui/button";
import { grantedPolicies } from "@/server/domain/access/policies";
import { bundleRef, linkPoliciesIn } from "@/server/domain/graph/types";
import { useCanvas } from "./canvas-context";
import { PolicyChoice } from "./policy-choice";

export function LinkPanel({
  linkId,
  environmentName,
}: {
  linkId: string;
  environmentName: string;
}) {
  const { diagram, environmentId, catalog, readOnly, dispatch } = useCanvas(
    useShallow((s) => ({
      diagram: s.diagram,
      environmentId: s.environmentId,
      catalog: s.catalog,
      readOnly: s.readOnly,
      dispatch: s.dispatch,
    })),
  );
  const broken = useCanvas((s) => s.edges.find((e) => e.id === linkId)?.data?.broken ?? null);
  const link = diagram.links.find((l) => l.id === linkId);
  if (!link) return null;
  const { fromArtifact, toSlot } = link;
  const from = diagram.components.find((c) => c.id === link.from);
  const to = diagram.components.find((c) => c.id === link.to);
  const producer = from ? catalog.byRef.get(bundleRef(from.bundle, from.version)) : undefined;
  const typeName = producer?.outputs.find((o) => o.key === link.fromArtifact)?.type;
  const type = typeName ? catalog.types.get(typeName) : undefined;
  const granted = grantedPolicies(type?.policies ?? [], linkPoliciesIn(link, environmentId)).map(
    (p) => p.id,
  );

  function choose(ids: string[]) {
    if (!to) return;
    const ordered = type?.policies.map((p) => p.id).filter((id) => ids.includes(id)) ?? ids;
    dispatch(
      [{ op: "setLinkPolicy", link: linkId, environment: environmentId, policies: ordered }],
      {
        capture: "record",
        label: `grant ${ordered.join(", ")} on ${from?.name}.${fromArtifact} → ${to.name}.${toSlot}`,
      },
    );
  }

  return (
    <aside
      aria-label="Line"
      className="flex w-96 shrink-0 flex-col overflow-y-auto border-l border-slate-200 bg-white p-4"
    >
      <h2 className="font-mono text-sm font-semibold">
        {from?.name}.{link.fromArtifact} → {to?.name}.{link.toSlot}
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Carries {type ? `${type.label} (${type.name})` : (typeName ?? "an unknown type")}.
      </p>
      {broken ? (
        <p role="alert" className="mt-2 rounded bg-red-50 p-2 text-sm text-red-800">
          Broken: {broken}
        </p>
      ) : null}
      <fieldset className="mt-4" data-testid="line-policies">
        <legend className="text-sm font-medium text-slate-800">
          Access {to?.name} gets in <strong>{environmentName}</strong>
        </legend>
        {type && type.policies.length > 0 ? (
          <PolicyChoice
            policies={type.policies}
            granted={granted}
            readOnly={readOnly}
            linkId={linkId}
            onChoose={choose}
          />
        ) : (
          <p className="mt-2 text-sm text-slate-600">
            This artifact type offers no policies: the line passes its payload only.
          </p>
        )}
      </fieldset>
      {readOnly ? null : (
        <div className="mt-6 border-t border-slate-200 pt-4">
          <Button
            variant="secondary"
            className="text-red-700"
            onClick={() =>
              dispatch([{ op: "removeLink", id: linkId }], {
                capture: "record",
                label: `remove line into ${to?.name}.${link.toSlot}`,
              })
            }
          >
            Delete line
          </Button>
        </div>
      )}
    </aside>
  );
}
