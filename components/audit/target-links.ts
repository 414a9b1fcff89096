// Where an audit event points, read for people: the target by name (not id) with a link to it,
// and the project / environment it happened in. Pure: tested beside it.
import { targetLabel } from "./format";

export interface Names {
  projects: Record<string, { slug: string; name: string }>;
  environments: Record<string, { slug: string; name: string; projectId: string }>;
  components: Record<string, { name: string }>;
}

export const NO_NAMES: Names = { projects: {}, environments: {}, components: {} };

interface Event {
  targetType: string;
  targetId: string | null;
  projectId: string | null;
  environmentId: string | null;
  componentId: string | null;
  before: unknown;
  after: unknown;
}

export interface Crumb {
  label: string;
  href: string | null;
}

/** The target first ("component orders-db"), then where it lives (project, environment). */
export function targetCrumbs(org: string, event: Event, names: Names): Crumb[] {
  const project = event.projectId ? names.projects[event.projectId] : undefined;
  const environment = event.environmentId ? names.environments[event.environmentId] : undefined;
  const component =
    event.projectId && event.componentId
      ? names.components[`${event.projectId}/${event.componentId}`]
      : undefined;
  const projectHref = project ? `/o/${org}/p/${project.slug}` : null;
  const envHref =
    projectHref && environment
      ? `${projectHref}?env=${encodeURIComponent(environment.slug)}`
      : null;
  const own: Record<string, Crumb | null> = {
    project: project ? { label: `project ${project.name}`, href: projectHref } : null,
    environment: environment ? { label: `environment ${environment.name}`, href: envHref } : null,
    component: component
      ? { label: `component ${component.name}`, href: envHref ?? projectHref }
      : null,
  };
  const target = own[event.targetType] ?? { label: targetLabel(event), href: null };
  const context: Crumb[] = [];
  if (project && event.targetType !== "project")
    context.push({ label: project.name, href: projectHref });
  if (environment && event.targetType !== "environment")
    context.push({ label: environment.name, href: envHref });
  if (component && event.targetType !== "component")
    context.push({ label: component.name, href: envHref ?? projectHref });
  return [target, ...context];
}

/** One page's names after another's, for a list that loads more. */
export function mergeNames(pages: readonly { names: Names }[]): Names {
  const out: Names = { projects: {}, environments: {}, components: {} };
  for (const { names } of pages) {
    Object.assign(out.projects, names.projects);
    Object.assign(out.environments, names.environments);
    Object.assign(out.components, names.components);
  }
  return out;
}
