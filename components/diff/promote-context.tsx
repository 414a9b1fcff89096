"use client";
// The promotion being put together in the Compare view: left is promoted to right. Given
// only to developers and above, and only while both sides show the environments as they are
// now; without it the panel shows no selection controls (the server still decides).
// Mounted keyed by the pair of environments shown, so choosing others starts afresh.
import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import type { CompareResultDto } from "@/server/compare/schemas";
import {
  componentState,
  covered,
  EMPTY,
  toggle,
  type Selection,
  type SelectionState,
} from "./promote-selection";

interface PromoteEnvironment {
  id: string;
  name: string;
}

export interface Promotion {
  projectId: string;
  from: PromoteEnvironment;
  to: PromoteEnvironment;
  state: SelectionState;
  toggle: (s: Selection) => void;
  clear: () => void;
  covered: (s: Selection) => boolean;
  componentState: (componentId: string) => "all" | "some" | "none";
}

const PromotionContext = createContext<Promotion | null>(null);

/** The promotion in progress, or null where this user may not promote (or nothing can be). */
export const usePromotion = () => useContext(PromotionContext);

export function PromoteProvider({
  projectId,
  result,
  canPromote,
  children,
}: {
  projectId: string;
  result: CompareResultDto;
  canPromote: boolean;
  children: ReactNode;
}) {
  const [state, setState] = useState<SelectionState>(EMPTY);
  const { left, right } = result.diff;
  const available =
    canPromote && !left.at && !right.at && left.environment.id !== right.environment.id;
  const value = useMemo<Promotion | null>(
    () =>
      available
        ? {
            projectId,
            from: { id: left.environment.id, name: left.environment.name },
            to: { id: right.environment.id, name: right.environment.name },
            state,
            toggle: (s) => setState((current) => toggle(current, s)),
            clear: () => setState(EMPTY),
            covered: (s) => covered(state, s),
            componentState: (componentId) => componentState(state, componentId),
          }
        : null,
    [
      available,
      projectId,
      left.environment.id,
      left.environment.name,
      right.environment.id,
      right.environment.name,
      state,
    ],
  );
  return <PromotionContext.Provider value={value}>{children}</PromotionContext.Provider>;
}
