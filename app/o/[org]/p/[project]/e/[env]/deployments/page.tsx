import { DeploymentsView } from "@/components/deployments/deployments-view";

export default async function DeploymentsPage({
  params,
}: {
  params: Promise<{ org: string; project: string; env: string }>;
}) {
  const slugs = await params;
  return <DeploymentsView slugs={slugs} />;
}
