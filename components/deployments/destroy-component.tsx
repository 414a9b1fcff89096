"use client";
// Destroying one component in an environment: typed confirmation (its name), then a destroy
// run. The server refuses it in a protected environment and checks the name again.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { TypedConfirm } from "./typed-confirm";
import { refreshAfterWrite } from "@/components/refresh-after-write";

export function DestroyComponent({
  target,
  name,
  environment,
  disabled,
  onQueued,
}: {
  target: { projectId: string; componentId: string; environmentId: string };
  name: string;
  environment: string;
  disabled?: boolean;
  onQueued: (instanceStatus: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const destroy = useMutation(
    trpc.deployment.request.mutationOptions({
      onSuccess: (d) => {
        setOpen(false);
        onQueued(d.instanceStatus);
        void refreshAfterWrite(queryClient, [trpc.deployment.pathKey()]);
      },
    }),
  );
  return (
    <>
      <Button
        variant="secondary"
        className="text-red-700"
        disabled={disabled || destroy.isPending}
        onClick={() => {
          destroy.reset();
          setOpen(true);
        }}
      >
        Destroy
      </Button>
      {open ? (
        <TypedConfirm
          title={`Destroy ${name} in ${environment}?`}
          expected={name}
          confirmLabel="Destroy"
          pending={destroy.isPending}
          error={destroy.error?.message ?? null}
          onCancel={() => setOpen(false)}
          onConfirm={(confirm) => destroy.mutate({ ...target, action: "destroy", confirm })}
        >
          Everything {name} created in {environment} is removed; components that consume it lose
          their access.
        </TypedConfirm>
      ) : null}
    </>
  );
}
