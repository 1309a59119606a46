import "server-only";
import type { TemplateBody } from "@/lib/settings/templates";
import { DuplicateError } from "@/server/db/errors";
import type { ControlsTemplateRow } from "@/server/db/types";
import { templateViews } from "@/server/settings/template-usage";
import { HttpError } from "../http";
import type { HandlerContext, HandlerResult } from "../types";

/** Settings → Templates (admins): controls templates by id, each with the number of places that use it. */
type Params = { templateId: string };

const notFound = () => new HttpError(404, "not_found", "There is no such template (it may have been deleted).");
const nameTaken = (name: string) =>
  new HttpError(409, "duplicate_name", `A template named “${name}” already exists.`, {
    fields: { name: "Another template already has this name" },
  });

const summary = (t: Pick<ControlsTemplateRow, "name" | "blocked" | "domainsText">) => ({
  name: t.name,
  blocked: t.blocked.length,
  domains: t.domainsText.split(/\r?\n/).filter((l) => l.trim() !== "").length,
});

export async function listTemplates(ctx: HandlerContext<unknown, unknown, undefined>): Promise<HandlerResult> {
  return { body: { data: { templates: await templateViews(ctx.db, await ctx.db.templates.list()) } } };
}

export async function createTemplate(ctx: HandlerContext<unknown, unknown, TemplateBody>): Promise<HandlerResult> {
  try {
    const saved = await ctx.db.templates.create({ ...ctx.body, createdBy: ctx.user?.email ?? null });
    ctx.audit.after = { id: saved.id, ...summary(saved) };
    const [view] = await templateViews(ctx.db, [saved]);
    return { status: 201, body: { data: view } };
  } catch (err) {
    if (err instanceof DuplicateError) throw nameTaken(ctx.body.name);
    throw err;
  }
}

export async function updateTemplate(ctx: HandlerContext<Params, unknown, TemplateBody>): Promise<HandlerResult> {
  const before = await ctx.db.templates.get(ctx.params.templateId);
  if (!before) throw notFound();
  ctx.audit.before = { id: before.id, ...summary(before) };
  try {
    const saved = await ctx.db.templates.update(before.id, ctx.body);
    if (!saved) throw notFound();
    ctx.audit.after = { id: saved.id, ...summary(saved) };
    const [view] = await templateViews(ctx.db, [saved]);
    return { body: { data: view } };
  } catch (err) {
    if (err instanceof DuplicateError) throw nameTaken(ctx.body.name);
    throw err;
  }
}

export async function deleteTemplate(ctx: HandlerContext<Params, unknown, undefined>): Promise<HandlerResult> {
  const before = await ctx.db.templates.get(ctx.params.templateId);
  if (!before) throw notFound();
  const [view] = await templateViews(ctx.db, [before]);
  ctx.audit.before = { id: before.id, ...summary(before), uses: view?.uses.total ?? 0 };
  if (!(await ctx.db.templates.delete(before.id))) throw notFound();
  ctx.audit.after = null;
  return { body: { data: { deleted: before.id, uses: view?.uses ?? { total: 0, byKind: {} } } } };
}
