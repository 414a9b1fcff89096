import { type Command, InvalidArgumentError, Option } from "commander";
import { ROLES } from "../../../server/domain/roles";
import { contextOf, organizationOf } from "../context";
import { date, printJson, println, table } from "../output";

type TokenRow = {
  id: string;
  name: string;
  role: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  parentTokenId: string | null;
};

const shape = (t: TokenRow) => ({
  id: t.id,
  name: t.name,
  role: t.role,
  createdAt: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  expiresAt: t.expiresAt,
  revokedAt: t.revokedAt,
  parentTokenId: t.parentTokenId,
});

function days(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("must be a whole number of days");
  return Number(value);
}

export function registerToken(program: Command): void {
  const token = program.command("token").description("API tokens of your organization (ops)");
  token
    .command("list")
    .description("every token: role, last use, expiry, revoked")
    .action(async (_options, command: Command) => {
      const ctx = contextOf(command);
      const { id } = await organizationOf(ctx);
      const rows = (await ctx.client.token.list.query({ organizationId: id })).map(shape);
      if (ctx.json) return printJson(rows);
      println(
        table(
          ["NAME", "ROLE", "LAST USED", "EXPIRES", "REVOKED", "ID"],
          rows.map((t) => [
            t.name,
            t.role,
            date(t.lastUsedAt),
            date(t.expiresAt),
            date(t.revokedAt),
            t.id,
          ]),
        ),
      );
    });

  token
    .command("create")
    .description("mint a token (shown once); minted by a token, it ends when that token ends")
    .requiredOption("--name <name>", "what the token is for")
    .addOption(new Option("--role <role>", "its role").choices(ROLES).makeOptionMandatory())
    .option("--expires-in-days <days>", "1–365", days, 30)
    .action(
      async (
        options: { name: string; role: (typeof ROLES)[number]; expiresInDays: number },
        command: Command,
      ) => {
        const ctx = contextOf(command);
        const { id } = await organizationOf(ctx);
        const created = await ctx.client.token.create.mutate({
          organizationId: id,
          name: options.name,
          role: options.role,
          expiresInDays: options.expiresInDays,
        });
        if (ctx.json) return printJson({ token: shape(created.token), value: created.value });
        process.stderr.write(
          `Created token "${created.token.name}" (${created.token.role}, expires ` +
            `${date(created.token.expiresAt)}); its value, shown only now:\n`,
        );
        println(created.value);
      },
    );

  token
    .command("revoke")
    .description("end a token now, and every token minted from it")
    .argument("<token-id>", "the token's id (see `patchbay token list`)")
    .action(async (tokenId: string, _options, command: Command) => {
      const ctx = contextOf(command);
      const { id } = await organizationOf(ctx);
      const revoked = await ctx.client.token.revoke.mutate({ organizationId: id, tokenId });
      if (ctx.json) return printJson({ ...shape(revoked), descendants: revoked.descendants });
      const also = revoked.descendants.length
        ? ` and ${revoked.descendants.length} token(s) minted from it`
        : "";
      println(`Revoked "${revoked.name}"${also}`);
    });
}
