import { expect, it } from "vitest";
import { COMPONENT_NAME_PATTERN } from "./ops";
import { uniqueComponentName } from "./naming";

it("derives short, valid, unique names from bundle names", () => {
  expect(uniqueComponentName("aws-rds-postgres", [])).toBe("rds-postgres");
  expect(uniqueComponentName("aws-rds-postgres", ["rds-postgres"])).toBe("rds-postgres-2");
  expect(uniqueComponentName("aws-rds-postgres", ["rds-postgres", "rds-postgres-2"])).toBe(
    "rds-postgres-3",
  );
  const long = uniqueComponentName("local-postgres-database", ["postgres-database"]);
  expect(long).toBe("postgres-database-2");
  const longer = uniqueComponentName("gcp-cloudsql-postgres-with-a-long-name", []);
  expect(longer.length).toBeLessThanOrEqual(20);
  expect(COMPONENT_NAME_PATTERN.test(longer)).toBe(true);
  expect(uniqueComponentName("k8s-application", [])).toBe("application");
});
