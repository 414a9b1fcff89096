import { describe, expect, it } from "vitest";
import { preset, realBundle } from "@/test/real-catalog";
import { allowedIn, describeAllowed } from "./allowed";
import { constrainForm } from "./constrain";
import { paramFields, schemaAt } from "./fields";
import { checkParams, ruleProblems } from "./rules";
import type { PresetVersionRules } from "./types";
import { deviations, upgradePlan } from "./upgrade";
import { setAt } from "./values";

const rds = realBundle("aws-rds-postgres");
const production = preset(rds, "Production");
const v1: PresetVersionRules = {
  name: "Postgres – Production",
  version: 1,
  values: production,
  rules: {
    deletion_protection: { mode: "locked" },
    instance_class: { mode: "narrowed", enum: ["db.r7g.large", "db.r7g.2xlarge"] },
    "storage.allocated_gb": { mode: "narrowed", minimum: 100, maximum: 500 },
  },
  allowed: { classes: ["production"] },
};

describe("paramFields", () => {
  it("lists the leaves of the real rds schema with their options and bounds", () => {
    const fields = paramFields(rds.params);
    const byPath = new Map(fields.map((f) => [f.path, f]));
    expect(byPath.get("instance_class")?.options?.map((o) => o.value)).toContain("db.r7g.large");
    expect(byPath.get("storage.allocated_gb")).toMatchObject({
      type: "integer",
      minimum: 20,
      maximum: 65536,
    });
    expect(byPath.get("database_name")?.pattern).toBe("^[a-z][a-z0-9_]{0,62}$");
    expect(byPath.get("deletion_protection")?.type).toBe("boolean");
    expect(byPath.has("storage")).toBe(false);
  });

  it("follows local $refs (as bundle.yaml writes them, before the catalog resolves them)", () => {
    const schema = {
      definitions: { days: { type: "integer", minimum: 0, maximum: 35 } },
      properties: {
        backup: {
          type: "object",
          properties: { retention_days: { $ref: "#/definitions/days", title: "Retention" } },
        },
      },
    };
    expect(paramFields(schema)).toEqual([
      {
        path: "backup.retention_days",
        title: "Retention",
        type: "integer",
        minimum: 0,
        maximum: 35,
      },
    ]);
  });
});

describe("checkParams", () => {
  it("accepts the preset's own values and open-field changes", () => {
    expect(checkParams(production, v1)).toEqual([]);
    expect(checkParams(setAt(production, "multi_az", false), v1)).toEqual([]);
  });

  it("refuses a changed locked field, naming the field, the rule and the preset", () => {
    const [v] = checkParams(setAt(production, "deletion_protection", false), v1);
    expect(v).toEqual({
      path: "deletion_protection",
      rule: "locked",
      message: 'is locked to true by preset "Postgres – Production" v1',
    });
  });

  it("refuses values outside a narrowed enum, range or pattern", () => {
    expect(checkParams(setAt(production, "instance_class", "db.t4g.micro"), v1)[0]?.message).toBe(
      '"db.t4g.micro" is not allowed (allowed: db.r7g.large, db.r7g.2xlarge): narrowed by preset "Postgres – Production" v1',
    );
    expect(checkParams(setAt(production, "storage.allocated_gb", 50), v1)[0]).toMatchObject({
      path: "storage.allocated_gb",
      rule: "minimum",
    });
    expect(checkParams(setAt(production, "storage.allocated_gb", 501), v1)[0]).toMatchObject({
      rule: "maximum",
    });
    const named = {
      ...v1,
      rules: { database_name: { mode: "narrowed" as const, pattern: "^orders_" } },
    };
    expect(checkParams(setAt(production, "database_name", "app"), named)[0]).toMatchObject({
      path: "database_name",
      rule: "pattern",
    });
    expect(checkParams(setAt(production, "database_name", "orders_main"), named)).toEqual([]);
  });

  it("lets an absent field take the preset's value", () => {
    const { deletion_protection: _dropped, ...rest } = production;
    expect(checkParams(rest, v1)).toEqual([]);
  });
});

describe("ruleProblems", () => {
  it("accepts a sound version", () => {
    expect(ruleProblems(rds.params, production, v1.rules)).toEqual([]);
  });

  it("names unknown fields, impossible narrowings and values outside their own rule", () => {
    const problems = ruleProblems(rds.params, setAt(production, "storage.allocated_gb", 50), {
      nope: { mode: "locked" },
      instance_class: { mode: "narrowed", enum: ["db.x9.huge"] },
      multi_az: { mode: "narrowed", minimum: 1 },
      "storage.allocated_gb": { mode: "narrowed", minimum: 100 },
      "storage.max_allocated_gb": { mode: "narrowed", minimum: 10, maximum: 70000 },
      database_name: { mode: "narrowed", pattern: "(" },
      engine_version: { mode: "narrowed" },
    });
    expect(problems).toEqual([
      { path: "rules.database_name", message: '"(" is not a valid regular expression' },
      {
        path: "rules.engine_version",
        message: "a narrowed field needs allowed values, a minimum, a maximum or a pattern",
      },
      { path: "rules.instance_class", message: '"db.x9.huge" is not one of the bundle\'s values' },
      { path: "rules.multi_az", message: "only a number can have a minimum or maximum" },
      { path: "rules.nope", message: "is not a field of this bundle" },
      {
        path: "values.storage.allocated_gb",
        message: "50 is below the minimum 100 by this preset's own rule",
      },
      {
        path: "rules.storage.max_allocated_gb",
        message: "the maximum must be at most the bundle's 65536",
      },
    ]);
  });
});

describe("allowedIn", () => {
  it("reads classes and named environments; nothing listed means all", () => {
    const staging = { slug: "staging", class: "non_production" as const };
    const prod = { slug: "production", class: "production" as const };
    expect(allowedIn({}, staging)).toBe(true);
    expect(allowedIn({ classes: [], environments: [] }, prod)).toBe(true);
    expect(allowedIn({ classes: ["production"] }, staging)).toBe(false);
    expect(allowedIn({ classes: ["production"] }, prod)).toBe(true);
    expect(allowedIn({ environments: ["staging"] }, staging)).toBe(true);
    expect(allowedIn({ environments: ["staging"] }, prod)).toBe(false);
    expect(describeAllowed({ classes: ["non_production"], environments: ["qa"] })).toBe(
      "non-production environments, qa",
    );
  });
});

describe("deviations and upgradePlan", () => {
  const v2: PresetVersionRules = {
    ...v1,
    version: 2,
    values: setAt(
      setAt(setAt(production, "backup.retention_days", 35), "storage.allocated_gb", 200),
      "performance_insights",
      false,
    ),
    rules: {
      ...v1.rules,
      multi_az: { mode: "locked" },
      "storage.allocated_gb": { mode: "narrowed", minimum: 200, maximum: 500 },
    },
  };

  it("lists open fields that differ from the preset, never locked ones", () => {
    const params = setAt(
      setAt(production, "performance_insights", false),
      "deletion_protection",
      false,
    );
    expect(deviations(params, v1)).toEqual([
      { path: "performance_insights", preset: true, value: false },
    ]);
  });

  it("follows the new version where the instance followed the old, keeps allowed deviations, resets the rest", () => {
    let params = setAt(production, "multi_az", false); // deviation that v2 locks
    params = setAt(params, "storage.allocated_gb", 150); // deviation outside v2's new range
    params = setAt(params, "database_name", "orders"); // deviation v2 still allows
    const plan = upgradePlan(params, v1, v2);
    expect(plan.changes).toEqual([
      { path: "backup.retention_days", before: 30, after: 35, reason: "preset value changed" },
      { path: "multi_az", before: false, after: true, reason: "locked by the new version" },
      { path: "performance_insights", before: true, after: false, reason: "preset value changed" },
      {
        path: "storage.allocated_gb",
        before: 150,
        after: 200,
        reason: "outside the new version's rule",
      },
    ]);
    expect(plan.kept).toEqual([{ path: "database_name", preset: "app", value: "orders" }]);
    expect(checkParams(plan.params, v2)).toEqual([]);
    expect(params.multi_az).toBe(false); // the input is not mutated
  });

  it("is empty between identical versions", () => {
    expect(upgradePlan(production, v1, { ...v1, version: 2 }).changes).toEqual([]);
  });
});

describe("constrainForm", () => {
  it("makes locked fields read-only and narrows enums and bounds, leaving the input alone", () => {
    const { schema, ui } = constrainForm(rds.params, rds.ui, v1, "ops");
    expect((ui.deletion_protection as Record<string, unknown>)["ui:readonly"]).toBe(true);
    expect((ui.deletion_protection as Record<string, unknown>)["ui:help"]).toBe(
      'Locked by preset "Postgres – Production" v1 (ops)',
    );
    expect(
      (schemaAt(schema, "instance_class")!.oneOf as { const: string }[]).map((o) => o.const),
    ).toEqual(["db.r7g.large", "db.r7g.2xlarge"]);
    expect(schemaAt(schema, "storage.allocated_gb")).toMatchObject({ minimum: 100, maximum: 500 });
    expect((schemaAt(rds.params, "instance_class")!.oneOf as unknown[]).length).toBe(6);
    expect(
      ((ui.storage as Record<string, unknown>).allocated_gb as Record<string, unknown>)[
        "ui:widget"
      ],
    ).toBe("updown");
  });
});
