// The icons the catalog names (bundle.yaml `icon`), imported one by one so the bundle stays
// small; anything else falls back to a box.
import {
  Archive,
  Box,
  Container,
  Database,
  KeyRound,
  Mail,
  Megaphone,
  Network,
  RadioTower,
  ShieldCheck,
  ShipWheel,
  SquareFunction,
  Terminal,
  Zap,
  type LucideIcon,
} from "lucide-react";

const ICONS: Record<string, LucideIcon> = {
  archive: Archive,
  container: Container,
  database: Database,
  "key-round": KeyRound,
  mail: Mail,
  megaphone: Megaphone,
  network: Network,
  "radio-tower": RadioTower,
  "shield-check": ShieldCheck,
  "ship-wheel": ShipWheel,
  "square-function": SquareFunction,
  terminal: Terminal,
  zap: Zap,
};

export function BundleIcon({ name, className = "h-4 w-4" }: { name: string; className?: string }) {
  const Icon = ICONS[name] ?? Box;
  return <Icon aria-hidden className={className} />;
}
