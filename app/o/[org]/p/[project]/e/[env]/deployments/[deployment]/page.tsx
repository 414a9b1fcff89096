import { RunPage } from "@/components/deployments/run-page";

export default async function DeploymentPage({
  params,
}: {
  params: Promise<{ org: string; project: string; env: string; deployment: string }>;
}) {
  const { deployment, ...slugs } = await params;
  return <RunPage slugs={slugs} deploymentId={deployment} />;
}
