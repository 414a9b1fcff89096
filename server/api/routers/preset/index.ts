import { router } from "../../trpc";
import { applyUpgrade } from "./apply-upgrade";
import { create } from "./create";
import { get } from "./get";
import { list } from "./list";
import { offerUpgrade } from "./offer-upgrade";
import { publish } from "./publish";
import { saveDraft } from "./save-draft";
import { setGuardrail } from "./set-guardrail";

// Presets: read by everyone in the organization, authored by ops and owners. Built-in
// presets (shipped with bundles) are listed too, read-only.
export const presetRouter = router({
  list,
  get,
  create,
  saveDraft,
  publish,
  offerUpgrade,
  applyUpgrade,
  setGuardrail,
});
