import { redirect } from "next/navigation";
import { BareFlow } from "@/components/bench/bare-flow";
import { currentUser } from "@/server/auth";

export const dynamic = "force-dynamic";

/**
 * `npm run bench -- canvas` compares the project canvas with this page: the same diagram
 * in a plain React Flow with default nodes and edges, the floor Patchbay's canvas is
 * measured against. It reads through tRPC, so it needs a signed-in user like any page.
 */
export default async function BareFlowBenchPage({
  searchParams,
}: {
  searchParams: Promise<{ project?: string }>;
}) {
  const { project } = await searchParams;
  const user = await currentUser();
  if (!user)
    redirect(`/signin?callbackUrl=${encodeURIComponent(`/bench/bare?project=${project ?? ""}`)}`);
  return <BareFlow projectId={project ?? ""} />;
}
