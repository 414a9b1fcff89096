import { describe, expect, it } from "vitest";
import { filterBundles } from "./search";

const bundles = [
  {
    name: "aws-rds-postgres",
    description: "Amazon RDS",
    category: "Databases",
    inputs: [{ type: "aws-vpc" }],
    outputs: [{ type: "postgresql" }],
  },
  {
    name: "aws-sqs-queue",
    description: "A queue",
    category: "Messaging",
    inputs: [{ type: "aws-iam-role" }],
    outputs: [{ type: "aws-sqs-queue" }],
  },
  {
    name: "k8s-application",
    description: "A service",
    category: "Kubernetes",
    inputs: [{ type: "postgresql" }],
    outputs: [],
  },
];
const labels = new Map([
  ["postgresql", "PostgreSQL"],
  ["aws-vpc", "AWS VPC"],
]);

describe("catalog search", () => {
  it("matches name, description and the types consumed or produced", () => {
    expect(filterBundles(bundles, { q: "postgres" }, labels).map((b) => b.name)).toEqual([
      "aws-rds-postgres",
      "k8s-application",
    ]);
    expect(filterBundles(bundles, { q: "vpc" }, labels).map((b) => b.name)).toEqual([
      "aws-rds-postgres",
    ]);
    expect(filterBundles(bundles, { q: "QUEUE" }, labels).map((b) => b.name)).toEqual([
      "aws-sqs-queue",
    ]);
  });

  it("needs every word and honours the category", () => {
    expect(filterBundles(bundles, { q: "postgres amazon" }, labels).map((b) => b.name)).toEqual([
      "aws-rds-postgres",
    ]);
    expect(
      filterBundles(bundles, { q: "postgres", category: "Kubernetes" }, labels).map((b) => b.name),
    ).toEqual(["k8s-application"]);
    expect(filterBundles(bundles, {}, labels)).toHaveLength(3);
  });
});
