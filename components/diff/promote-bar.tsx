"use client";
// The foot of the change panel while promoting: how many differences are chosen, Clear, and
// "Review promotion". After a promotion it says what was done and refreshes the comparison
// (and whatever else shows the diagram or its history), so promoted rows disappear.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { usePromotion } from "./promote-context";
import { PromoteReview } from "./promote-review";
import { plural } from "@/components/ui/plural";
import { refreshAfterWrite } from "@/components/refresh-after-write";

export function PromoteBar() {
  const promotion = usePromotion();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reviewing, setReviewing] = useState(false);
  const [done, setDone] = useState("");
  const status = useRef<HTMLParagraphElement>(null);
  // Focus goes to the outcome once the dialog has closed (its opener is now disabled).
  useEffect(() => {
    if (done) status.current?.focus();
  }, [done]);
  if (!promotion) return null;
  const count = promotion.state.size;

  async function onPromoted(changes: number) {
    setReviewing(false);
    promotion!.clear();
    setDone(`Promoted ${plural(changes, "change", "changes")} to ${promotion!.to.name}`);
    await refreshAfterWrite(queryClient, [
      trpc.compare.pathKey(),
      trpc.diagram.pathKey(),
      trpc.audit.pathKey(),
    ]);
  }

  return (
    <div
      role="region"
      aria-label="Promote"
      className="sticky bottom-0 mt-auto border-t border-slate-200 bg-slate-50 px-4 py-2"
      data-testid="promote-bar"
    >
      <div className="flex items-center gap-2">
        <p className="flex min-w-0 flex-1 flex-col text-sm">
          <span className="font-medium">
            Promote {promotion.from.name} → {promotion.to.name}
          </span>
          <span className="text-xs text-slate-600" data-testid="promote-count">
            {count === 0 ? "Tick the differences to copy" : `${count} selected`}
          </span>
        </p>
        <Button variant="ghost" className="py-1" disabled={count === 0} onClick={promotion.clear}>
          Clear
        </Button>
        <Button
          className="py-1"
          disabled={count === 0}
          onClick={() => {
            setDone("");
            setReviewing(true);
          }}
        >
          Review promotion
        </Button>
      </div>
      <p
        ref={status}
        role="status"
        tabIndex={-1}
        className="text-sm text-emerald-800 focus:outline-none"
      >
        {done}
      </p>
      {reviewing ? (
        <PromoteReview
          promotion={promotion}
          onClose={() => setReviewing(false)}
          onPromoted={(n) => void onPromoted(n)}
        />
      ) : null}
    </div>
  );
}
