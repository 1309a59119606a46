import {
  addPagesRequest,
  PAGE_IDENTIFIERS,
  patchLayoutRequest,
  type Surface,
  switchLayoutRequest,
} from "@/lib/partnerships";
import { conflict, iso, newUuid, notFound } from "../http";
import type { Rc } from "../pipeline";
import { LIMITS } from "../ratelimit";
import { prep } from "../state";
import { type AccountRow, assertWritable, getAccount, pagesOf, touchAccount } from "../store/accounts";
import { freshPageIds, insertPage, type LayoutRow, pageStatements, parseTheme } from "../store/pages";
import { accountWrite, markDryRun, validateWrite } from "../write";

const BASE = "/v1/partnership/accounts/{account_id}";

/** POST pages (SPEC §5.6): new surfaces only; their variants take the account's status. */
export function addPages(rc: Rc, accountId: string): Promise<Response> {
  markDryRun(rc);
  const { s } = rc;
  return accountWrite(rc, accountId, `POST ${BASE}/pages`, LIMITS.addPages, "addPages", async (_a, raw) => {
    const body = validateWrite(rc, raw, addPagesRequest);
    return () => {
      const a = getAccount(s, accountId) as AccountRow;
      assertWritable(s, a);
      const have = new Set(
        (prep(s, "SELECT surface FROM pages WHERE account_id = ?").all(accountId) as { surface: string }[]).map(
          (r) => r.surface,
        ),
      );
      for (const p of body.pages) if (have.has(p.surface)) throw conflict(`surface ${p.surface} already exists`);
      const st = pageStatements(s.db);
      const now = iso(s.now());
      const ids = body.pages.map((p) => {
        const fresh = freshPageIds();
        insertPage(st, accountId, p.surface, p.layout_type, a.status, now, fresh);
        return fresh.pageId;
      });
      touchAccount(s, accountId);
      return { status: 200, data: { account_id: accountId, pages: pagesOf(s, accountId, ids) } };
    };
  });
}

interface PageRow {
  page_id: string;
  account_id: string;
  surface: Surface;
  layout_id: string;
}

/** PUT pages/{page_id} (SPEC §5.7): switching back restores the page's earlier layout and theme. */
export function switchPage(rc: Rc, accountId: string, pageId: string): Promise<Response> {
  markDryRun(rc);
  const { s } = rc;
  return accountWrite(
    rc,
    accountId,
    `PUT ${BASE}/pages/{page_id}`,
    LIMITS.switchPage,
    "switchPageLayout",
    async (_a, raw) => {
      const body = validateWrite(rc, raw, switchLayoutRequest);
      return () => {
        const page = prep(s, "SELECT * FROM pages WHERE page_id = ? AND account_id = ?").get(pageId, accountId) as
          | PageRow
          | undefined;
        if (!page) throw notFound(`page ${pageId.slice(0, 80)} not found on account ${accountId}`);
        assertWritable(s, getAccount(s, accountId) as AccountRow);
        const current = prep(s, "SELECT * FROM layouts WHERE layout_id = ?").get(page.layout_id) as LayoutRow;
        let layoutId = current.layout_id;
        if (current.layout_type !== body.layout_type) {
          const earlier = prep(
            s,
            "SELECT layout_id FROM layouts WHERE page_id = ? AND layout_type = ? ORDER BY created_at LIMIT 1",
          ).get(pageId, body.layout_type) as { layout_id: string } | undefined;
          const now = iso(s.now());
          if (earlier) layoutId = earlier.layout_id;
          else {
            layoutId = newUuid();
            pageStatements(s.db).layout.run(
              layoutId,
              pageId,
              accountId,
              body.layout_type,
              JSON.stringify(parseTheme("{}")),
              now,
            );
          }
          prep(s, "UPDATE pages SET layout_id = ? WHERE page_id = ?").run(layoutId, pageId);
          touchAccount(s, accountId);
        }
        return {
          status: 200,
          data: {
            page_id: pageId,
            surface: page.surface,
            layout_type: body.layout_type,
            layout_id: layoutId,
            page_identifier: PAGE_IDENTIFIERS[page.surface],
          },
        };
      };
    },
  );
}

/** PATCH layouts/{layout_id} (SPEC §5.8): sparse theme update of any layout the account's pages ever had. */
export function patchLayout(rc: Rc, accountId: string, layoutId: string): Promise<Response> {
  markDryRun(rc);
  const { s } = rc;
  return accountWrite(
    rc,
    accountId,
    `PATCH ${BASE}/layouts/{layout_id}`,
    LIMITS.patchLayout,
    "patchLayout",
    async (_a, raw) => {
      const body = validateWrite(rc, raw, patchLayoutRequest);
      return () => {
        const layout = prep(s, "SELECT * FROM layouts WHERE layout_id = ? AND account_id = ?").get(
          layoutId,
          accountId,
        ) as LayoutRow | undefined;
        if (!layout) throw notFound(`layout ${layoutId.slice(0, 80)} not found on account ${accountId}`);
        assertWritable(s, getAccount(s, accountId) as AccountRow);
        const theme = { ...parseTheme(layout.theme), ...body };
        prep(s, "UPDATE layouts SET theme = ? WHERE layout_id = ?").run(JSON.stringify(theme), layoutId);
        touchAccount(s, accountId);
        return {
          status: 200,
          data: { layout_id: layoutId, page_id: layout.page_id, layout_type: layout.layout_type, theme },
        };
      };
    },
  );
}
